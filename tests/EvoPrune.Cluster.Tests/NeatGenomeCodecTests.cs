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

    [Fact]
    public void StrategyState_WrittenAndRestored_BreedsWhatTheLiveStrategyBreeds_AndEarlierJsonStatesStillRead()
    {
        var spec = new RunSpec("state", NeatKind.KindName, 21, 10, 150, ["main"], JsonSerializer.Serialize(new NeatRunSettings(), NeatKind.Json), "test");
        var live = new NeatStrategy(spec, new NeatRunSettings(), []);
        var task = new XorTask();
        IReadOnlyList<ScoredGenome> members = [];
        for (var generation = 0; generation < 6; generation++)
        {
            members = live.ProposeLive("main", generation, members, generation == 0 ? [] : null)
                .Select(g => new ScoredGenome(g, Report(g, task)))
                .ToArray();
        }

        // The state after breeding generation 5, in this version's form and in the JSON-object form of earlier versions.
        var state = live.CaptureState();
        var earlier = JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<NeatPopulationSnapshot>(state, NeatStrategy.StateJson), NeatKind.Json);
        var next = live.ProposeLive("main", 6, members, null);

        foreach (var restored in new[] { state, earlier })
        {
            var fresh = new NeatStrategy(spec, new NeatRunSettings(), []);
            var bred = fresh.ProposeLive("main", 6, members.Select(m => m with { Genome = Stored(m.Genome) }).ToArray(), restored);
            Assert.Equal(next.Select(g => g.Id), bred.Select(g => g.Id));
            Assert.Equal(next.Select(g => Genes(NeatKind.Decode(g))), bred.Select(g => Genes(NeatKind.Decode(g))));
        }

        Assert.True(state.Length * 2 < earlier.Length, $"the state takes {state.Length} bytes, its JSON-object form {earlier.Length}");
    }

    private static FitnessReport Report(GenomeRecord genome, XorTask task)
    {
        var result = task.Evaluate(EvoPrune.Evolution.Neat.Phenotypes.NetworkFactory.Create(NeatKind.Decode(genome), new NeatSettings()));
        return new FitnessReport(genome.Id, result.Fitness, new Dictionary<string, double> { ["solved"] = result.Solved ? 1 : 0 }, null, "s", "cpu", 0);
    }

    // The record as a checkpoint returns it: payload only, no live genome.
    private static GenomeRecord Stored(GenomeRecord record) => JsonSerializer.Deserialize<GenomeRecord>(JsonSerializer.Serialize(record, NeatKind.Json), NeatKind.Json)!;

    private static string Genes(NeatGenome genome) =>
        string.Join(";", genome.Nodes.Select(n => n.ToString())) + "|" + string.Join(";", genome.Connections.Select(c => c.ToString()));
}

