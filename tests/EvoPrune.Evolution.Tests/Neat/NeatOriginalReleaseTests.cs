using CsCheck;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Neat.Tasks;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Neat;

/// <summary>The behaviours taken from the original C++ release, and the batched task evaluations.</summary>
public class NeatOriginalReleaseTests
{
    [Fact]
    public void AddNode_FavouringOldLinks_NeverSplitsABiasLink()
    {
        NeatGens.Single.Sample(sample =>
        {
            var tracker = new InnovationTracker(new InnovationTracker(3, 2).ToState() with { NextInnovation = 10_000, NextNodeId = 10_000 });
            for (var k = 0; k < 5; k++)
            {
                var child = NeatMutations.AddNode(sample.Genome, tracker, RandomSources.For(4, k, 0, "n"), favourOldLinks: true);
                var split = child.Connections.Where(c => !c.Enabled && sample.Genome.Connections.Any(p => p.Innovation == c.Innovation && p.Enabled)).ToList();
                Assert.True(split.Count <= 1);
                Assert.All(split, c => Assert.NotEqual(sample.Genome.BiasId, c.Source));
            }
        }, iter: 200);
    }

    [Fact]
    public void AddNode_FavouringOldLinksInSmallGenome_SplitsTheFirstLinkMostOften()
    {
        // XOR's start genome: links 0->3, 1->3, bias 2->3. The first eligible link is taken with 70%, the second with
        // 21%, the bias link never; 9% of the time nothing is split.
        var tracker = new InnovationTracker(2, 1);
        var start = NeatGenome.CreateMinimal(2, 1, tracker, RandomSources.For(1, 0, 0, "s"), 2.0);
        var counts = new int[3];
        var unchanged = 0;
        for (var k = 0; k < 2000; k++)
        {
            tracker.BeginGeneration();
            var child = NeatMutations.AddNode(start, tracker, RandomSources.For(2, k, 0, "n"), favourOldLinks: true);
            var disabled = child.Connections.Where(c => !c.Enabled).Select(c => c.Source).ToList();
            if (disabled.Count == 0)
            {
                unchanged++;
                continue;
            }

            counts[Assert.Single(disabled)]++;
        }

        Assert.Equal(0, counts[2]);
        Assert.InRange(counts[0], 1300, 1500);
        Assert.InRange(counts[1], 340, 500);
        Assert.InRange(unchanged, 120, 240);
    }

    [Fact]
    public void AddNode_WalkStoppingOnDisabled_NeverSplitsABiasOrDisabledLink()
    {
        NeatGens.Single.Sample(sample =>
        {
            var tracker = new InnovationTracker(new InnovationTracker(3, 2).ToState() with { NextInnovation = 10_000, NextNodeId = 10_000 });
            for (var k = 0; k < 5; k++)
            {
                var child = NeatMutations.AddNode(sample.Genome, tracker, RandomSources.For(4, k, 0, "n"), favourOldLinks: true, walkStopsOnDisabled: true);
                var split = child.Connections.Where(c => !c.Enabled && sample.Genome.Connections.Any(p => p.Innovation == c.Innovation && p.Enabled)).ToList();
                Assert.True(split.Count <= 1);
                Assert.All(split, c => Assert.NotEqual(sample.Genome.BiasId, c.Source));
                Assert.True(child.Connections.Length == sample.Genome.Connections.Length + (split.Count * 2));
            }
        }, iter: 200);
    }

    [Fact]
    public void AddNode_WalkStoppingOnDisabled_FailsWhereTheWalkStopsOnASplitLink()
    {
        // XOR's start genome with its second link (input 1 -> output) split: genes 0->3, 1->3 (disabled), bias 2->3,
        // 1->h, h->3. The walk starts at 0->3 and fails where it stops on 1->3 (0.3 * 0.7 = 21%) or runs off the end
        // (0.3^4 < 1%): about 22% of tries add nothing, against 0.3^3 = 2.7% when only eligible links are walked.
        var tracker = new InnovationTracker(2, 1);
        var start = NeatGenome.CreateMinimal(2, 1, tracker, RandomSources.For(1, 0, 0, "s"), 2.0);
        var genome = Enumerable.Range(0, 100)
            .Select(k => NeatMutations.AddNode(start, tracker, RandomSources.For(3, k, 0, "n")))
            .First(g => g.Connections.Any(c => !c.Enabled && c.Source == 1));
        int Unchanged(bool walk) => Enumerable.Range(0, 2000)
            .Count(k => ReferenceEquals(genome, NeatMutations.AddNode(genome, tracker, RandomSources.For(2, k, 0, "n"), favourOldLinks: true, walkStopsOnDisabled: walk)));
        Assert.InRange(Unchanged(walk: true), 350, 530);
        Assert.InRange(Unchanged(walk: false), 25, 90);
    }

    [Fact]
    public void Reproduce_ChildOfIdenticalParents_IsMutatedOnlyWhereTheSettingSaysSo()
    {
        // One species of 30 copies of one genome; every child is a crossover that would not be mutated (mate-only 100%).
        var tracker = new InnovationTracker(2, 1);
        var genome = NeatGenome.CreateMinimal(2, 1, tracker, RandomSources.For(1, 0, 0, "s"), 2.0);
        var population = Enumerable.Range(0, 30).Select(_ => new NeatIndividual(genome, 1.0, false)).ToList();
        var species = System.Collections.Immutable.ImmutableArray.Create(
            new NeatSpecies(0, genome, [.. Enumerable.Range(0, 30)], 1.0, 0, 0));
        var settings = new NeatSettings
        {
            PopulationSize = 30, MutationOnlyProbability = 0, MateOnlyProbability = 1.0, AddNodeProbability = 0, AddConnectionProbability = 0,
            WeightMutationProbability = 1.0, ToggleEnableProbability = 0,
        };
        int Changed(bool mutate)
        {
            var (children, _, _) = new NeatReproduction(settings with { MutateChildOfIdenticalParents = mutate }, 9).Reproduce(population, species, tracker, 0, 0);
            Assert.Equal(30, children.Count);
            return children.Count(c => !c.Connections.Select(g => g.Weight).SequenceEqual(genome.Connections.Select(g => g.Weight)));
        }

        Assert.Equal(0, Changed(mutate: false));
        Assert.Equal(29, Changed(mutate: true)); // all but the species' champion, copied unchanged
    }

    [Fact]
    public void Reproduce_StagnantPopulationSplittingHalves_BreedsHalfFromEachOfTheTwoChampions()
    {
        // Three species, the population stagnant for 30 generations: only the best two breed. Species A (fitness 2) has
        // the start genome, B (fitness 1) one hidden node more, C (fitness 0.5) two.
        var tracker = new InnovationTracker(2, 1);
        var a = NeatGenome.CreateMinimal(2, 1, tracker, RandomSources.For(1, 0, 0, "s"), 2.0);
        var b = NeatMutations.AddNode(a, tracker, RandomSources.For(1, 1, 0, "n"));
        var c = NeatMutations.AddNode(b, tracker, RandomSources.For(1, 2, 0, "n"));
        var population = new List<NeatIndividual>();
        var species = System.Collections.Immutable.ImmutableArray.CreateBuilder<NeatSpecies>();
        foreach (var (genome, fitness) in new[] { (a, 2.0), (b, 1.0), (c, 0.5) })
        {
            species.Add(new NeatSpecies(species.Count, genome, [.. Enumerable.Range(population.Count, 10)], fitness, 0, 0));
            population.AddRange(Enumerable.Range(0, 10).Select(_ => new NeatIndividual(genome, fitness, false)));
        }

        int[] Sizes(bool halves)
        {
            var settings = new NeatSettings { PopulationSize = 30, StagnationSplitsHalves = halves };
            var (children, _, _) = new NeatReproduction(settings, 3).Reproduce(population, species.ToImmutable(), tracker, 30, 0);
            Assert.Equal(30, children.Count);
            if (halves)
            {
                // Each child is its champion with mutated weights or one more link: the champion's nodes, a superset of its genes.
                Assert.All(children, child => Assert.True(
                    new[] { a, b }.Any(p => p.Nodes.SequenceEqual(child.Nodes) && p.Connections.All(g => child.Connections.Any(x => x.Innovation == g.Innovation)))));
            }

            return [children.Count(x => x.HiddenCount == 0), children.Count(x => x.HiddenCount == 1), children.Count(x => x.HiddenCount == 2)];
        }

        Assert.Equal([15, 15, 0], Sizes(halves: true));
        Assert.Equal(0, Sizes(halves: false)[2]);
        Assert.NotEqual([15, 15, 0], Sizes(halves: false));
    }

    [Fact]
    public void MutateWeightsSevere_AnyGenome_KeepsGenesAndClampsWeights()
    {
        NeatGens.Single.Sample(sample =>
        {
            var mutated = NeatMutations.MutateWeightsSevere(sample.Genome, RandomSources.For(5, 0, 0, "w"), 2.5, 3.0);
            Assert.Equal(sample.Genome.Connections.Select(c => (c.Innovation, c.Source, c.Target, c.Enabled)), mutated.Connections.Select(c => (c.Innovation, c.Source, c.Target, c.Enabled)));
            Assert.All(mutated.Connections, c => Assert.InRange(c.Weight, -3.0, 3.0));
            Assert.Equal(sample.Genome.Nodes, mutated.Nodes);
        }, iter: 200);
    }

    [Fact]
    public void Cross_DisabledRuleOnMatchingOnly_NeverReenablesAGeneDisabledInBothParents()
    {
        var settings = new NeatSettings { DisabledRuleOnMatchingGenesOnly = true, FeedForward = false };
        NeatGens.RelatedPair.Where(p => !p.FeedForward).Sample(pair =>
        {
            var child = NeatCrossover.Cross(pair.A, pair.B, false, settings, RandomSources.For(6, 0, 0, "x"));
            var disabledInA = pair.A.Connections.Where(c => !c.Enabled).Select(c => c.Innovation).ToHashSet();
            var enabledInB = pair.B.Connections.Where(c => c.Enabled).Select(c => c.Innovation).ToHashSet();
            Assert.DoesNotContain(child.Connections, c => c.Enabled && disabledInA.Contains(c.Innovation) && !enabledInB.Contains(c.Innovation));
        }, iter: 200);
    }

    [Fact]
    public void Cross_AveragingEveryTime_MatchingGenesCarryTheMeanWeight()
    {
        var settings = new NeatSettings { CrossoverAveragingProbability = 1.0, FeedForward = false };
        NeatGens.RelatedPair.Where(p => !p.FeedForward).Sample(pair =>
        {
            var child = NeatCrossover.Cross(pair.A, pair.B, false, settings, RandomSources.For(7, 0, 0, "x"));
            var b = pair.B.Connections.ToDictionary(c => c.Innovation);
            foreach (var gene in child.Connections)
            {
                var a = pair.A.Connections.Single(c => c.Innovation == gene.Innovation);
                Assert.Equal(b.TryGetValue(gene.Innovation, out var other) ? 0.5 * (a.Weight + other.Weight) : a.Weight, gene.Weight);
            }
        }, iter: 200);
    }

    [Theory]
    [InlineData("xor")]
    [InlineData("mux6")]
    public void Evaluate_BatchedFeedForwardPath_EqualsCaseByCaseActivation(string name)
    {
        INeatTask task = name == "xor" ? new XorTask() : MultiplexerTask.Six;
        Gen.ULong.Select(Gen.Int[0, 60]).Sample((seed, steps) =>
        {
            var tracker = new InnovationTracker(task.InputCount, 1);
            var start = NeatGenome.CreateMinimal(task.InputCount, 1, tracker, RandomSources.For(seed, 0, 0, "s"), 2.0);
            var genome = NeatGens.Grow(start, tracker, seed, steps, feedForward: true);
            var network = FeedForwardNetwork.Create(genome);
            Assert.Equal(task.Evaluate(new Unbatched(network)), task.Evaluate(network));
        }, iter: 100);
    }

    // Hides the network's type, so tasks take their one-case-at-a-time path.
    private sealed class Unbatched(INeatNetwork inner) : INeatNetwork
    {
        public int InputCount => inner.InputCount;

        public int OutputCount => inner.OutputCount;

        public void Activate(ReadOnlySpan<double> inputs, Span<double> outputs) => inner.Activate(inputs, outputs);

        public void Reset() => inner.Reset();
    }
}
