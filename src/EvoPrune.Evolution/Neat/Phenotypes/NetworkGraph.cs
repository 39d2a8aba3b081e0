namespace EvoPrune.Evolution.Neat.Phenotypes;

/// <summary>A genome's enabled links re-indexed by node position (inputs, bias, outputs, hidden).</summary>
internal sealed class NetworkGraph
{
    private NetworkGraph(int nodeCount, List<(int Source, int Target, double Weight)> links)
    {
        NodeCount = nodeCount;
        Links = links;
    }

    public int NodeCount { get; }

    public List<(int Source, int Target, double Weight)> Links { get; }

    public static NetworkGraph Build(NeatGenome genome)
    {
        var links = new List<(int, int, double)>(genome.Connections.Length);
        foreach (var c in genome.Connections)
        {
            if (c.Enabled)
            {
                links.Add((genome.IndexOfNode(c.Source), genome.IndexOfNode(c.Target), c.Weight));
            }
        }

        return new NetworkGraph(genome.Nodes.Length, links);
    }

    public static void CheckSpans(ReadOnlySpan<double> inputs, Span<double> outputs, int inputCount, int outputCount)
    {
        if (inputs.Length != inputCount)
        {
            throw new ArgumentException($"Expected {inputCount} inputs, got {inputs.Length}.", nameof(inputs));
        }

        if (outputs.Length < outputCount)
        {
            throw new ArgumentException($"Expected room for {outputCount} outputs, got {outputs.Length}.", nameof(outputs));
        }
    }
}
