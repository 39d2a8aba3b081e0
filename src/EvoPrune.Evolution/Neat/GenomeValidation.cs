namespace EvoPrune.Evolution.Neat;

/// <summary>The structural invariants of a <see cref="NeatGenome"/>.</summary>
internal static class GenomeValidation
{
    public static void Check(NeatGenome genome)
    {
        var fixedCount = genome.InputCount + 1 + genome.OutputCount;
        if (genome.Nodes.Length < fixedCount)
        {
            throw new ArgumentException($"A genome with {genome.InputCount} inputs and {genome.OutputCount} outputs needs at least {fixedCount} nodes, got {genome.Nodes.Length}.", nameof(genome));
        }

        for (var i = 0; i < genome.Nodes.Length; i++)
        {
            var node = genome.Nodes[i];
            var expected = i < genome.InputCount ? NodeType.Input
                : i == genome.InputCount ? NodeType.Bias
                : i < fixedCount ? NodeType.Output
                : NodeType.Hidden;
            if ((i < fixedCount && node.Id != i) || node.Type != expected)
            {
                throw new ArgumentException($"Node {i} is {node} but {expected} with id {(i < fixedCount ? i : "above the fixed block")} was expected.", nameof(genome));
            }

            if (i > 0 && node.Id <= genome.Nodes[i - 1].Id)
            {
                throw new ArgumentException($"Node ids must be unique and ascending; {node.Id} follows {genome.Nodes[i - 1].Id}.", nameof(genome));
            }
        }

        var connections = genome.Connections.AsSpan();
        for (var i = 0; i < connections.Length; i++)
        {
            var c = connections[i];
            if (i > 0 && c.Innovation <= genome.Connections[i - 1].Innovation)
            {
                throw new ArgumentException($"Innovations must be unique and ascending; {c.Innovation} follows {genome.Connections[i - 1].Innovation}.", nameof(genome));
            }

            if (!genome.ContainsNode(c.Source) || !genome.ContainsNode(c.Target))
            {
                throw new ArgumentException($"Connection {c.Innovation} ({c.Source}->{c.Target}) has an endpoint that is not a node of the genome.", nameof(genome));
            }

            if (c.Target <= genome.InputCount)
            {
                throw new ArgumentException($"Connection {c.Innovation} feeds input or bias node {c.Target}.", nameof(genome));
            }

            if (!double.IsFinite(c.Weight))
            {
                throw new ArgumentException($"Connection {c.Innovation} has a non-finite weight.", nameof(genome));
            }
        }

        if (HasDuplicateLink(connections) is { } duplicate)
        {
            throw new ArgumentException($"Connection {duplicate.Source}->{duplicate.Target} appears twice.", nameof(genome));
        }
    }

    // Pairwise for the small genomes NEAT mostly breeds (no allocation), hashed beyond.
    private static (int Source, int Target)? HasDuplicateLink(ReadOnlySpan<ConnectionGene> connections)
    {
        if (connections.Length <= 48)
        {
            for (var i = 1; i < connections.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (connections[i].Source == connections[j].Source && connections[i].Target == connections[j].Target)
                    {
                        return (connections[i].Source, connections[i].Target);
                    }
                }
            }

            return null;
        }

        var links = new HashSet<long>(connections.Length);
        foreach (var c in connections)
        {
            if (!links.Add(((long)c.Source << 32) | (uint)c.Target))
            {
                return (c.Source, c.Target);
            }
        }

        return null;
    }
}
