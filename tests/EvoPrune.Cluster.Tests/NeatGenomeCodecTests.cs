using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Neat;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Tasks;

namespace EvoPrune.Cluster.Tests;

/// <summary>The NEAT payload on the engine: the same genome back, whether a worker takes the live one or decodes a copy.</summary>
public class NeatGenomeCodecTests
{
    private static NeatGenome Bred(int index) => new NeatAlgorithm(new NeatSettings(), new XorTask(), 11).Breed()[index];

    [Fact]
    public void Decode_TheRecordTheStrategyBred_ReturnsTheLiveGenome()
    {
        var genome = Bred(3);
        var record = GenomeRecord.OfLive("main-g0-3", "main", 0, 3, genome, g => NeatGenomeCodec.Encode((NeatGenome)g));

        Assert.Same(genome, NeatKind.Decode(record));
    }

    [Fact]
    public void Decode_ARecordThatCrossedASilo_DecodesThePayloadNotTheLiveGenome()
    {
        var genome = Bred(4);
        var record = GenomeRecord.OfLive("main-g0-4", "main", 0, 4, genome, g => NeatGenomeCodec.Encode((NeatGenome)g));
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(GenomeRecord).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        // What another silo receives (Orleans' wire format) and what a checkpoint holds (the store's JSON).
        var wire = serializer.Deserialize<GenomeRecord>(serializer.SerializeToArray(record))!;
        var stored = JsonSerializer.Deserialize<GenomeRecord>(JsonSerializer.Serialize(record, NeatKind.Json), NeatKind.Json)!;

        foreach (var copy in new[] { wire, stored })
        {
            Assert.Null(copy.Live);
            Assert.Equal(("main-g0-4", "main", 0, 4), (copy.Id, copy.Population, copy.Born, copy.Index));
            var decoded = NeatKind.Decode(copy);
            Assert.NotSame(genome, decoded);
            Assert.Equal(genome.Nodes.ToArray(), decoded.Nodes.ToArray());
            Assert.Equal(genome.Connections.ToArray(), decoded.Connections.ToArray());
        }
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

        var error = Assert.Throws<ArgumentException>(() => NeatGenomeCodec.Decode(payload.AsSpan(0, payload.Length - 3), "main-g7-0"));

        Assert.Contains("main-g7-0", error.Message, StringComparison.Ordinal);
    }
}
