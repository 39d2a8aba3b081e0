using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Tasks;

namespace EvoPrune.Cluster.Tests;

/// <summary>The NEAT payload on the engine: the same genome back, whether it is taken from this process or decoded.</summary>
public class NeatGenomeCodecTests
{
    private static NeatGenome Bred(int index) => new NeatAlgorithm(new NeatSettings(), new XorTask(), 11).Breed()[index];

    [Fact]
    public void Decode_ThePayloadArrayThisProcessEncoded_ReturnsTheEncodedGenome()
    {
        var genome = Bred(3);
        var payload = NeatGenomeCodec.Encode(genome);

        Assert.Same(genome, NeatGenomeCodec.Decode(payload, "main-g0-3"));
    }

    [Fact]
    public void Decode_ACopyOfThePayload_DecodesTheSameGenes()
    {
        var genome = Bred(5).WithConnections([.. Bred(5).Connections.Select((c, i) => i == 0 ? c with { Enabled = false, Weight = -1.25 } : c)]);
        var copy = NeatGenomeCodec.Encode(genome).ToArray();

        var decoded = NeatGenomeCodec.Decode(copy, "main-g0-5");

        Assert.NotSame(genome, decoded);
        Assert.Equal(genome.InputCount, decoded.InputCount);
        Assert.Equal(genome.OutputCount, decoded.OutputCount);
        Assert.Equal(genome.Nodes.ToArray(), decoded.Nodes.ToArray());
        Assert.Equal(genome.Connections.ToArray(), decoded.Connections.ToArray());
    }

    [Fact]
    public void Decode_TruncatedCopy_ThrowsNamingTheGenome()
    {
        var payload = NeatGenomeCodec.Encode(Bred(0));

        var error = Assert.Throws<ArgumentException>(() => NeatGenomeCodec.Decode(payload[..^3], "main-g7-0"));

        Assert.Contains("main-g7-0", error.Message, StringComparison.Ordinal);
    }
}
