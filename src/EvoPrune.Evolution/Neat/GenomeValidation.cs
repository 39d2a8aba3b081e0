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

        var links = new HashSet<(int, int)>();
        for (var i = 0; i < genome.Connections.Length; i++)
        {
            var c = genome.Connections[i];
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

            if (!links.Add((c.Source, c.Target)))
            {
                throw new ArgumentException($"Connection {c.Source}->{c.Target} appears twice.", nameof(genome));
            }

            if (!double.IsFinite(c.Weight))
            {
                throw new ArgumentException($"Connection {c.Innovation} has a non-finite weight.", nameof(genome));
            }
        }
    }
}
