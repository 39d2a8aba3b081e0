namespace EvoPrune.Evolution.Neat.Phenotypes;

/// <summary>
/// A genome's enabled links re-indexed by node position (inputs, bias, outputs, hidden), grouped by target node
/// (<see cref="IncomingStart"/>, a compressed-row index) with each node's links in gene order.
/// </summary>
internal sealed class NetworkGraph
{
    private NetworkGraph(int nodeCount, int[] incomingStart, int[] sources, double[] weights)
    {
        NodeCount = nodeCount;
        IncomingStart = incomingStart;
        Sources = sources;
        Weights = weights;
    }

    public int NodeCount { get; }

    /// <summary>Node n's incoming links are <c>IncomingStart[n]</c> to <c>IncomingStart[n + 1]</c> (exclusive).</summary>
    public int[] IncomingStart { get; }

    /// <summary>Source node index of each link, grouped by target.</summary>
    public int[] Sources { get; }

    /// <summary>Weight of each link, grouped by target.</summary>
    public double[] Weights { get; }

    public int LinkCount => Sources.Length;

    public static NetworkGraph Build(NeatGenome genome)
    {
        var genes = genome.Connections.AsSpan();
        var nodeCount = genome.Nodes.Length;
        var linkCount = 0;
        var incomingStart = new int[nodeCount + 1];
        Span<int> targets = genes.Length <= 256 ? stackalloc int[genes.Length] : new int[genes.Length];
        Span<int> sourcesByGene = genes.Length <= 256 ? stackalloc int[genes.Length] : new int[genes.Length];
        for (var g = 0; g < genes.Length; g++)
        {
            if (!genes[g].Enabled)
            {
                targets[g] = -1;
                continue;
            }

            targets[g] = genome.IndexOfNode(genes[g].Target);
            sourcesByGene[g] = genome.IndexOfNode(genes[g].Source);
            incomingStart[targets[g] + 1]++;
            linkCount++;
        }

        for (var n = 0; n < nodeCount; n++)
        {
            incomingStart[n + 1] += incomingStart[n];
        }

        // Counting sort by target, stable, so each node sums its inputs in gene order.
        var sources = new int[linkCount];
        var weights = new double[linkCount];
        Span<int> next = nodeCount <= 256 ? stackalloc int[nodeCount] : new int[nodeCount];
        incomingStart.AsSpan(0, nodeCount).CopyTo(next);
        for (var g = 0; g < genes.Length; g++)
        {
            if (targets[g] < 0)
            {
                continue;
            }

            var k = next[targets[g]]++;
            sources[k] = sourcesByGene[g];
            weights[k] = genes[g].Weight;
        }

        return new NetworkGraph(nodeCount, incomingStart, sources, weights);
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
