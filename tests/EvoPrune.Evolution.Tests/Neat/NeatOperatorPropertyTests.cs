using CsCheck;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Neat;

public class NeatOperatorPropertyTests
{
    private static readonly NeatSettings FeedForward = new();
    private static readonly NeatSettings Recurrent = new() { FeedForward = false };

    [Fact]
    public void StructuralMutations_SameStructureInOneGeneration_ShareInnovations()
    {
        Gen.ULong.Sample(seed =>
        {
            var tracker = new InnovationTracker(3, 2);
            var start = NeatGens.Minimal(tracker, seed);
            tracker.BeginGeneration();
            var byLink = new Dictionary<(int, int), long>();
            var byInnovation = new Dictionary<long, (int, int)>();
            for (var g = 0; g < 30; g++)
            {
                var random = RandomSources.For(seed, 1, g, "mutate");
                var child = random.NextBool()
                    ? NeatMutations.AddNode(start, tracker, random)
                    : NeatMutations.AddConnection(start, tracker, random, true, 2.0, 20);
                foreach (var c in child.Connections)
                {
                    Assert.Equal(c.Innovation, byLink.TryAdd((c.Source, c.Target), c.Innovation) ? c.Innovation : byLink[(c.Source, c.Target)]);
                    Assert.Equal((c.Source, c.Target), byInnovation.TryAdd(c.Innovation, (c.Source, c.Target)) ? (c.Source, c.Target) : byInnovation[c.Innovation]);
                }
            }
        }, iter: 100);
    }

    [Fact]
    public void Cross_RelatedParents_ChildIsValidWithoutDanglingOrDuplicateGenes()
    {
        NeatGens.RelatedPair.Sample(pair =>
        {
            var settings = pair.FeedForward ? FeedForward : Recurrent;
            for (var k = 0; k < 3; k++)
            {
                var child = NeatCrossover.Cross(pair.A, pair.B, k == 2, settings, RandomSources.For(1, k, 0, "x"));
                var nodeIds = child.Nodes.Select(n => n.Id).ToHashSet();
                Assert.All(child.Connections, c => Assert.True(nodeIds.Contains(c.Source) && nodeIds.Contains(c.Target)));
                Assert.Equal(child.Connections.Length, child.Connections.Select(c => c.Innovation).Distinct().Count());
                Assert.Equal(child.Connections.Length, child.Connections.Select(c => (c.Source, c.Target)).Distinct().Count());
                Assert.True(!pair.FeedForward || NeatGens.IsAcyclic(child));
                var parentInnovations = pair.A.Connections.Concat(pair.B.Connections).Select(c => c.Innovation).ToHashSet();
                Assert.All(child.Connections, c => Assert.Contains(c.Innovation, parentInnovations));
            }
        }, iter: 200);
    }

    [Fact]
    public void Cross_FitterParent_ChildKeepsAllDisjointAndExcessGenesOfFitter()
    {
        NeatGens.RelatedPair.Where(p => !p.FeedForward).Sample(pair =>
        {
            var child = NeatCrossover.Cross(pair.A, pair.B, false, Recurrent, RandomSources.For(2, 0, 0, "x"));
            var childInnovations = child.Connections.Select(c => c.Innovation).ToHashSet();
            var bInnovations = pair.B.Connections.Select(c => c.Innovation).ToHashSet();
            Assert.All(pair.A.Connections, c => Assert.Contains(c.Innovation, childInnovations));
            Assert.DoesNotContain(child.Connections, c => !pair.A.Connections.Any(a => a.Innovation == c.Innovation));
        }, iter: 200);
    }

    [Fact]
    public void AddConnection_FeedForwardGenome_StaysAcyclic()
    {
        Gen.ULong.Select(Gen.Int[0, 80]).Sample((seed, steps) =>
        {
            var genome = NeatGens.GrowFresh(seed, steps, feedForward: true);
            Assert.True(NeatGens.IsAcyclic(genome));
            _ = Evolution.Neat.Phenotypes.FeedForwardNetwork.Create(genome);
        }, iter: 200);
    }

    [Fact]
    public void Distance_AnyPair_IsSymmetricAndZeroForIdentical()
    {
        var distance = new CompatibilityDistance(new NeatSettings());
        NeatGens.RelatedPair.Sample(pair =>
        {
            Assert.Equal(distance.Distance(pair.A, pair.B), distance.Distance(pair.B, pair.A), 12);
            Assert.Equal(0.0, distance.Distance(pair.A, pair.A));
            Assert.True(distance.Distance(pair.A, pair.B) >= 0.0);
        }, iter: 200);
    }

    [Fact]
    public void Mutate_AnyGenome_NeverRemovesNodes()
    {
        var mutator = new NeatMutator(new NeatSettings { AddNodeProbability = 0.3, AddConnectionProbability = 0.3, ToggleEnableProbability = 0.5 });
        NeatGens.Single.Sample(sample =>
        {
            var tracker = new InnovationTracker(3, 2);
            var state = tracker.ToState() with { NextInnovation = 10_000, NextNodeId = 10_000 };
            var child = mutator.Mutate(sample.Genome, new InnovationTracker(state), RandomSources.For(3, 0, 0, "m"));
            var before = sample.Genome.Nodes.Select(n => n.Id).ToHashSet();
            Assert.True(before.IsSubsetOf(child.Nodes.Select(n => n.Id)));
            Assert.Equal(3, child.Nodes.Count(n => n.Type == NodeType.Input));
            Assert.Equal(2, child.Nodes.Count(n => n.Type == NodeType.Output));
        }, iter: 300);
    }

    [Fact]
    public void Operators_AnyParents_ChildrenPassTheGenomeInvariants()
    {
        // Operators build children without the public constructor's check; every child must still pass it.
        var mutator = new NeatMutator(new NeatSettings { AddNodeProbability = 0.3, AddConnectionProbability = 0.3, ToggleEnableProbability = 0.5 });
        var severe = new NeatMutator(new NeatSettings { SevereWeightMutation = true, ToggleEnableProbability = 0.5 });
        NeatGens.RelatedPair.Sample(pair =>
        {
            var settings = (pair.FeedForward ? FeedForward : Recurrent) with { CrossoverAveragingProbability = 0.5 };
            var tracker = new InnovationTracker(new InnovationTracker(3, 2).ToState() with { NextInnovation = 10_000, NextNodeId = 10_000 });
            for (var k = 0; k < 4; k++)
            {
                var random = RandomSources.For(8, k, 0, "v");
                var child = NeatCrossover.Cross(pair.A, pair.B, k == 3, settings with { DisabledRuleOnMatchingGenesOnly = k % 2 == 0 }, random);
                AssertValid(child);
                AssertValid(mutator.Mutate(child, tracker, random));
                AssertValid(severe.Mutate(child, tracker, random));
                AssertValid(NeatMutations.AddNode(child, tracker, random, favourOldLinks: k % 2 == 1));
                AssertValid(NeatMutations.AddNode(child, tracker, random, favourOldLinks: true, walkStopsOnDisabled: true));
            }
        }, iter: 200);
    }

    private static void AssertValid(NeatGenome genome) => Assert.Null(Record.Exception(() => GenomeValidation.Check(genome)));
}
