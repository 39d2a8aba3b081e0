using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Evolution.Selections;

namespace EvoPrune.Cluster.Tests;

public class SparseMaskStrategyTests
{
    private static readonly MaskLayout Layout = new([400, 120, 30]);
    private static readonly RunSpec Spec = new("r", SparseMaskKind.KindName, 9, 5, 8, ["main"], "{}", "test");
    private static readonly SparseMaskSettings Settings = new() { Density = 0.25, TournamentSize = 2, MutationRate = 0.05, Elites = 2 };

    [Fact]
    public void Propose_FirstGeneration_GivesRandomMasksWithTheExactDensityPerLayer()
    {
        var strategy = new SparseMaskStrategy(Spec, Settings, Layout);
        var (genomes, _) = strategy.Propose("main", 0, [], []);

        Assert.Equal(8, genomes.Count);
        Assert.Equal(8, genomes.Select(g => Convert.ToHexString(g.Payload)).Distinct().Count());
        foreach (var genome in genomes)
        {
            var mask = MaskGenome.FromPackedBytes(Layout, genome.Payload);
            Assert.Equal([100, 30, 8], Enumerable.Range(0, 3).Select(mask.LayerKeptCount));
        }
    }

    [Fact]
    public void Propose_LaterGeneration_IsAPureFunctionOfItsInputsAndKeepsDensity()
    {
        var strategy = new SparseMaskStrategy(Spec, Settings, Layout);
        var members = Scored(strategy.Propose("main", 0, [], []).Genomes);

        var first = strategy.Propose("main", 1, members, []).Genomes;
        var again = new SparseMaskStrategy(Spec, Settings, Layout).Propose("main", 1, members, []).Genomes;

        Assert.Equal(first.Select(g => g.Payload), again.Select(g => g.Payload));
        Assert.Equal(first.Select(g => g.Id), again.Select(g => g.Id));
        foreach (var genome in first)
        {
            var mask = MaskGenome.FromPackedBytes(Layout, genome.Payload);
            Assert.Equal([100, 30, 8], Enumerable.Range(0, 3).Select(mask.LayerKeptCount));
        }
    }

    [Fact]
    public void Propose_MasksBredOnAllCores_EqualPairsBredOneAfterAnother()
    {
        // Large enough to be bred in parallel; an odd population leaves the last pair one child.
        var layout = new MaskLayout([20_000, 3_000, 100]);
        var spec = Spec with { PopulationSize = 9 };
        var settings = Settings with { CrossoverRate = 0.8 };
        var strategy = new SparseMaskStrategy(spec, settings, layout);
        var members = Scored(strategy.Propose("main", 0, [], []).Genomes);

        var children = strategy.Propose("main", 1, members, []).Genomes;

        // The reference: pair after pair on this thread, each from its own keyed source, as the strategy documents.
        var fitness = members.Select(m => new FitnessInfo(m.Report.Fitness)).ToArray();
        var expected = new List<byte[]>();
        for (var pair = 0; expected.Count < 9; pair++)
        {
            var random = RandomSources.For(spec.Seed, 1, pair, "main/breed");
            var chosen = new TournamentSelection(settings.TournamentSize).SelectIndices(fitness, 2, FitnessComparer.Maximize, random);
            var a = MaskWords.FromBytes(layout, members[chosen[0]].Genome.Payload);
            var b = MaskWords.FromBytes(layout, members[chosen[1]].Genome.Payload);
            var (first, second) = random.NextBool(settings.CrossoverRate) ? DensityPreservingCrossover.Cross(layout, a, b, random) : (a, b);
            foreach (var child in new[] { first, second }.Take(9 - expected.Count))
            {
                expected.Add(MaskWords.ToBytes(new DensityPreservingSwapMutation(settings.MutationRate).Mutate(layout, child, random) ?? child, layout.TotalLength));
            }
        }

        Assert.Equal(expected, children.Select(c => c.Payload));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => $"main-g1-{i}"), children.Select(c => c.Id));
    }

    [Fact]
    public void Accept_WorseOffspring_KeepsTheElitesAndThePopulationSize()
    {
        var strategy = new SparseMaskStrategy(Spec, Settings, Layout);
        var members = Scored(strategy.Propose("main", 0, [], []).Genomes);
        var offspring = strategy.Propose("main", 1, members, []).Genomes
            .Select(g => new ScoredGenome(g, new FitnessReport(g.Id, 0.01, new Dictionary<string, double>(), null, "s", "cpu", 0)))
            .ToArray();

        var next = strategy.Accept("main", 1, members, offspring);

        Assert.Equal(8, next.Count);
        var best = members.OrderByDescending(m => m.Report.Fitness).Take(2).Select(m => m.Genome.Id);
        Assert.Subset(next.Select(n => n.Genome.Id).ToHashSet(), best.ToHashSet());
    }

    [Fact]
    public void Accept_FailedOffspring_NeverDisplaceAWorkingMember()
    {
        var strategy = new SparseMaskStrategy(Spec, Settings, Layout);
        var members = Scored(strategy.Propose("main", 0, [], []).Genomes);
        var failed = strategy.Propose("main", 1, members, []).Genomes
            .Select(g => new ScoredGenome(g, FitnessReport.ForFailure(g.Id, "NaN loss", "s", "cpu", 0)))
            .ToArray();

        var next = strategy.Accept("main", 1, members, failed);

        Assert.Equal(8, next.Count);
        Assert.Contains(next, n => !n.Report.Failed);
        Assert.True(next.Take(2).All(n => !n.Report.Failed));
    }

    // Fitness rises with the index, so selection pressure has something to act on.
    private static ScoredGenome[] Scored(IReadOnlyList<GenomeRecord> genomes) =>
        genomes.Select((g, i) => new ScoredGenome(g, new FitnessReport(g.Id, 0.5 + (0.05 * i), new Dictionary<string, double>(), null, "s", "cpu", 0))).ToArray();
}
