using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// The NEAT mutations, each a pure function of (genome, tracker, random) that returns a new genome (or the same one
/// when nothing applies). None removes a node, and in feed-forward mode none closes a cycle.
/// </summary>
public static class NeatMutations
{
    /// <summary>
    /// Splits a random enabled connection: it is disabled, and a new node is linked in with weight 1 on the way in and
    /// the old weight on the way out, so the network's behaviour barely changes.
    /// </summary>
    public static NeatGenome AddNode(NeatGenome genome, InnovationTracker tracker, IRandomSource random) =>
        AddNode(genome, tracker, random, favourOldLinks: false);

    /// <summary>
    /// <see cref="AddNode(NeatGenome, InnovationTracker, IRandomSource)"/>; with <paramref name="favourOldLinks"/> links
    /// from the bias are never split and a genome of fewer than 15 genes takes each eligible link, oldest first, with
    /// 70% (so small genomes grow from their first links rather than chaining splits of the newest one).
    /// </summary>
    public static NeatGenome AddNode(NeatGenome genome, InnovationTracker tracker, IRandomSource random, bool favourOldLinks) =>
        AddNode(genome, tracker, random, favourOldLinks, walkStopsOnDisabled: false);

    /// <summary>
    /// <see cref="AddNode(NeatGenome, InnovationTracker, IRandomSource, bool)"/>; with <paramref name="walkStopsOnDisabled"/>
    /// (the original C++ release) the oldest-first walk of a small genome starts at its first eligible link and then
    /// steps over every gene, disabled ones included, with 30% (bias links always); where it stops on a disabled link,
    /// or runs off the end, no node is added.
    /// </summary>
    public static NeatGenome AddNode(NeatGenome genome, InnovationTracker tracker, IRandomSource random, bool favourOldLinks, bool walkStopsOnDisabled)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(random);
        var enabled = new List<int>();
        for (var i = 0; i < genome.Connections.Length; i++)
        {
            var c = genome.Connections[i];
            if (c.Enabled && !(favourOldLinks && c.Source == genome.BiasId))
            {
                enabled.Add(i);
            }
        }

        if (enabled.Count == 0)
        {
            return genome;
        }

        var index = -1;
        if (favourOldLinks && walkStopsOnDisabled && genome.Connections.Length < 15)
        {
            // The walk may stop on a disabled link, which fails the mutation: genomes with many disabled (split)
            // links grow new nodes less often.
            var walk = enabled[0];
            while (walk < genome.Connections.Length && (random.NextDouble() < 0.3 || genome.Connections[walk].Source == genome.BiasId))
            {
                walk++;
            }

            if (walk == genome.Connections.Length || !genome.Connections[walk].Enabled)
            {
                return genome;
            }

            index = walk;
        }
        else if (favourOldLinks && genome.Connections.Length < 15)
        {
            foreach (var candidate in enabled)
            {
                if (random.NextDouble() >= 0.3)
                {
                    index = candidate;
                    break;
                }
            }

            if (index < 0)
            {
                return genome;
            }
        }
        else
        {
            index = enabled[random.NextInt(enabled.Count)];
        }

        var old = genome.Connections[index];
        var split = tracker.Split(old.Innovation);
        if (genome.ContainsNode(split.NodeId))
        {
            split = tracker.Split(old.Innovation, fresh: true);
        }

        var connections = new ConnectionGene[genome.Connections.Length + 2];
        genome.Connections.CopyTo(connections);
        connections[index] = old.WithEnabled(false);
        InsertSorted(connections, genome.Connections.Length, new ConnectionGene(split.InInnovation, old.Source, split.NodeId, 1.0, true));
        InsertSorted(connections, genome.Connections.Length + 1, new ConnectionGene(split.OutInnovation, split.NodeId, old.Target, old.Weight, true));
        var nodes = new NodeGene[genome.Nodes.Length + 1];
        genome.Nodes.CopyTo(nodes);
        var at = genome.Nodes.Length;
        for (; at > 0 && nodes[at - 1].Id > split.NodeId; at--)
        {
            nodes[at] = nodes[at - 1];
        }

        nodes[at] = new NodeGene(split.NodeId, NodeType.Hidden);
        return NeatGenome.FromSortedGenes(genome.InputCount, genome.OutputCount, ImmutableCollectionsMarshal.AsImmutableArray(nodes), connections);
    }

    /// <summary>
    /// Links two unlinked nodes with a random weight in ±<paramref name="weightRange"/>. Sources are inputs, the bias,
    /// hidden nodes (and outputs when recurrent); targets are hidden and output nodes. In
    /// <paramref name="feedForward"/> mode a link that would close a cycle is never chosen.
    /// </summary>
    public static NeatGenome AddConnection(NeatGenome genome, InnovationTracker tracker, IRandomSource random, bool feedForward, double weightRange, int attempts)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(random);
        var targetsStart = genome.InputCount + 1;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var source = genome.Nodes[random.NextInt(genome.Nodes.Length)];
            var target = genome.Nodes[random.NextInt(targetsStart, genome.Nodes.Length)];
            if ((feedForward && source.Type == NodeType.Output)
                || HasLink(genome.Connections.AsSpan(), source.Id, target.Id)
                || (feedForward && GenomeGraph.CreatesCycle(genome.Connections.AsSpan(), source.Id, target.Id)))
            {
                continue;
            }

            var weight = ((2.0 * random.NextDouble()) - 1.0) * weightRange;
            var connections = new ConnectionGene[genome.Connections.Length + 1];
            genome.Connections.CopyTo(connections);
            InsertSorted(connections, genome.Connections.Length, new ConnectionGene(tracker.ConnectionInnovation(source.Id, target.Id), source.Id, target.Id, weight, true));
            return NeatGenome.FromSortedGenes(genome.InputCount, genome.OutputCount, genome.Nodes, connections);
        }

        return genome;
    }

    /// <summary>
    /// Mutates every weight: with <paramref name="perturbProbability"/> a uniform step in ±<paramref name="power"/>,
    /// otherwise a new value in ±<paramref name="range"/>; results are clamped to ±<paramref name="limit"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NeatGenome MutateWeights(NeatGenome genome, IRandomSource random, double perturbProbability, double power, double range, double limit)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        var connections = genome.Connections.ToArray();
        for (var i = 0; i < connections.Length; i++)
        {
            var c = connections[i];
            var weight = random.NextBool(perturbProbability)
                ? c.Weight + (((2.0 * random.NextDouble()) - 1.0) * power)
                : ((2.0 * random.NextDouble()) - 1.0) * range;
            connections[i] = c.WithWeight(Math.Clamp(weight, -limit, limit));
        }

        return NeatGenome.FromSortedGenes(genome.InputCount, genome.OutputCount, genome.Nodes, connections);
    }

    /// <summary>
    /// The original C++ release's weight mutation: with 50% the mutation is severe (per weight 70% a uniform step in
    /// ±<paramref name="power"/>, 20% a new value in ±<paramref name="power"/>, 10% unchanged); otherwise every weight
    /// takes a step, except that in genomes of ten or more genes the newest 20% are stepped with 50%, replaced with 30%.
    /// Results are clamped to ±<paramref name="limit"/>.
    /// </summary>
    public static NeatGenome MutateWeightsSevere(NeatGenome genome, IRandomSource random, double power, double limit)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        var severe = random.NextBool();
        var builder = genome.Connections.ToArray();
        var count = builder.Length;
        var tail = count * 0.8;
        for (var i = 0; i < count; i++)
        {
            var (perturb, replace) = severe ? (0.7, 0.2) : count >= 10 && i > tail ? (0.5, 0.3) : (1.0, 0.0);
            var draw = random.NextDouble();
            var step = ((2.0 * random.NextDouble()) - 1.0) * power;
            var c = builder[i];
            var weight = draw < perturb ? c.Weight + step : draw < perturb + replace ? step : c.Weight;
            builder[i] = c.WithWeight(Math.Clamp(weight, -limit, limit));
        }

        return NeatGenome.FromSortedGenes(genome.InputCount, genome.OutputCount, genome.Nodes, builder);
    }

    /// <summary>
    /// Flips one random connection on or off. A link is only disabled where its target keeps another enabled input,
    /// so the mutation never cuts a node off entirely.
    /// </summary>
    public static NeatGenome ToggleEnable(NeatGenome genome, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        if (genome.Connections.Length == 0)
        {
            return genome;
        }

        var index = random.NextInt(genome.Connections.Length);
        var gene = genome.Connections[index];
        if (gene.Enabled && !HasOtherEnabledInput(genome.Connections.AsSpan(), gene))
        {
            return genome;
        }

        var connections = genome.Connections.ToArray();
        connections[index] = gene.WithEnabled(!gene.Enabled);
        return NeatGenome.FromSortedGenes(genome.InputCount, genome.OutputCount, genome.Nodes, connections);
    }

    private static bool HasOtherEnabledInput(ReadOnlySpan<ConnectionGene> connections, ConnectionGene gene)
    {
        foreach (var c in connections)
        {
            if (c.Enabled && c.Target == gene.Target && c.Innovation != gene.Innovation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLink(ReadOnlySpan<ConnectionGene> connections, int source, int target)
    {
        foreach (var c in connections)
        {
            if (c.Source == source && c.Target == target)
            {
                return true;
            }
        }

        return false;
    }

    // Puts gene at its innovation's place among the first `count` (sorted) genes; the array has room at index count.
    private static void InsertSorted(ConnectionGene[] connections, int count, ConnectionGene gene)
    {
        var at = count;
        for (; at > 0 && connections[at - 1].Innovation > gene.Innovation; at--)
        {
            connections[at] = connections[at - 1];
        }

        connections[at] = gene;
    }
}
