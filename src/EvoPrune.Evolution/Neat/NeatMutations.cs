using System.Collections.Immutable;
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
    public static NeatGenome AddNode(NeatGenome genome, InnovationTracker tracker, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(random);
        var enabled = new List<int>();
        for (var i = 0; i < genome.Connections.Length; i++)
        {
            if (genome.Connections[i].Enabled)
            {
                enabled.Add(i);
            }
        }

        if (enabled.Count == 0)
        {
            return genome;
        }

        var index = enabled[random.NextInt(enabled.Count)];
        var old = genome.Connections[index];
        var split = tracker.Split(old.Innovation);
        if (genome.ContainsNode(split.NodeId))
        {
            split = tracker.Split(old.Innovation, fresh: true);
        }

        var connections = genome.Connections.SetItem(index, old.WithEnabled(false))
            .Add(new ConnectionGene(split.InInnovation, old.Source, split.NodeId, 1.0, true))
            .Add(new ConnectionGene(split.OutInnovation, split.NodeId, old.Target, old.Weight, true));
        var nodes = genome.Nodes.Add(new NodeGene(split.NodeId, NodeType.Hidden));
        return new NeatGenome(genome.InputCount, genome.OutputCount, SortNodes(nodes), SortConnections(connections));
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
        var existing = new HashSet<(int, int)>();
        foreach (var c in genome.Connections)
        {
            existing.Add((c.Source, c.Target));
        }

        var targetsStart = genome.InputCount + 1;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var source = genome.Nodes[random.NextInt(genome.Nodes.Length)];
            var target = genome.Nodes[random.NextInt(targetsStart, genome.Nodes.Length)];
            if ((feedForward && source.Type == NodeType.Output)
                || existing.Contains((source.Id, target.Id))
                || (feedForward && GenomeGraph.CreatesCycle(genome.Connections, source.Id, target.Id)))
            {
                continue;
            }

            var weight = ((2.0 * random.NextDouble()) - 1.0) * weightRange;
            var gene = new ConnectionGene(tracker.ConnectionInnovation(source.Id, target.Id), source.Id, target.Id, weight, true);
            return genome.WithConnections(SortConnections(genome.Connections.Add(gene)));
        }

        return genome;
    }

    /// <summary>
    /// Mutates every weight: with <paramref name="perturbProbability"/> a uniform step in ±<paramref name="power"/>,
    /// otherwise a new value in ±<paramref name="range"/>; results are clamped to ±<paramref name="limit"/>.
    /// </summary>
    public static NeatGenome MutateWeights(NeatGenome genome, IRandomSource random, double perturbProbability, double power, double range, double limit)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        var builder = genome.Connections.ToBuilder();
        for (var i = 0; i < builder.Count; i++)
        {
            var c = builder[i];
            var weight = random.NextBool(perturbProbability)
                ? c.Weight + (((2.0 * random.NextDouble()) - 1.0) * power)
                : ((2.0 * random.NextDouble()) - 1.0) * range;
            builder[i] = c.WithWeight(Math.Clamp(weight, -limit, limit));
        }

        return genome.WithConnections(builder.MoveToImmutable());
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
        if (gene.Enabled && !genome.Connections.Any(c => c.Enabled && c.Target == gene.Target && c.Innovation != gene.Innovation))
        {
            return genome;
        }

        return genome.WithConnections(genome.Connections.SetItem(index, gene.WithEnabled(!gene.Enabled)));
    }

    private static ImmutableArray<NodeGene> SortNodes(ImmutableArray<NodeGene> nodes) =>
        nodes.Sort((a, b) => a.Id.CompareTo(b.Id));

    private static ImmutableArray<ConnectionGene> SortConnections(ImmutableArray<ConnectionGene> connections) =>
        connections.Sort((a, b) => a.Innovation.CompareTo(b.Innovation));
}
