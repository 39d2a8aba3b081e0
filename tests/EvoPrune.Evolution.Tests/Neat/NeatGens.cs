using CsCheck;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Neat;

/// <summary>Genomes grown by random mutation sequences, and related genome pairs that share a history.</summary>
internal static class NeatGens
{
    public static NeatGenome Grow(NeatGenome start, InnovationTracker tracker, ulong seed, int steps, bool feedForward)
    {
        var genome = start;
        for (var s = 0; s < steps; s++)
        {
            var random = RandomSources.For(seed, s, 0, "grow");
            genome = random.NextInt(4) switch
            {
                0 => NeatMutations.AddNode(genome, tracker, random),
                1 => NeatMutations.AddConnection(genome, tracker, random, feedForward, 2.0, 20),
                2 => NeatMutations.MutateWeights(genome, random, 0.9, 2.5, 2.0, 8.0),
                _ => NeatMutations.ToggleEnable(genome, random),
            };
        }

        return genome;
    }

    public static NeatGenome Minimal(InnovationTracker tracker, ulong seed, int inputs = 3, int outputs = 2) =>
        NeatGenome.CreateMinimal(inputs, outputs, tracker, RandomSources.For(seed, 0, 0, "start"), 2.0);

    /// <summary>Two genomes grown apart from one start genome with one tracker (so innovations are shared).</summary>
    public static readonly Gen<(NeatGenome A, NeatGenome B, bool FeedForward)> RelatedPair =
        from seed in Gen.ULong
        from stepsA in Gen.Int[0, 40]
        from stepsB in Gen.Int[0, 40]
        from feedForward in Gen.Bool
        select MakePair(seed, stepsA, stepsB, feedForward);

    public static readonly Gen<(NeatGenome Genome, bool FeedForward)> Single =
        from seed in Gen.ULong
        from steps in Gen.Int[0, 60]
        from feedForward in Gen.Bool
        select (GrowFresh(seed, steps, feedForward), feedForward);

    public static NeatGenome GrowFresh(ulong seed, int steps, bool feedForward)
    {
        var tracker = new InnovationTracker(3, 2);
        return Grow(Minimal(tracker, seed), tracker, seed, steps, feedForward);
    }

    private static (NeatGenome, NeatGenome, bool) MakePair(ulong seed, int stepsA, int stepsB, bool feedForward)
    {
        var tracker = new InnovationTracker(3, 2);
        var start = Minimal(tracker, seed);
        var a = Grow(start, tracker, seed, stepsA, feedForward);
        tracker.BeginGeneration();
        var b = Grow(start, tracker, seed ^ 0x5555, stepsB, feedForward);
        return (a, b, feedForward);
    }

    public static bool IsAcyclic(NeatGenome genome)
    {
        var remaining = genome.Connections.ToList();
        var nodes = genome.Nodes.Select(n => n.Id).ToHashSet();
        while (nodes.Count > 0)
        {
            var sources = nodes.Where(n => !remaining.Any(c => c.Target == n)).ToList();
            if (sources.Count == 0)
            {
                return false;
            }

            foreach (var n in sources)
            {
                nodes.Remove(n);
                remaining.RemoveAll(c => c.Source == n);
            }
        }

        return true;
    }
}
