using System.Runtime.CompilerServices;

namespace EvoPrune.Evolution.Neat.Phenotypes;

/// <summary>
/// A genome's enabled links re-indexed by node position (inputs, bias, outputs, hidden), grouped by target node
/// (<see cref="IncomingStart"/>, a compressed-row index) with each node's links in gene order. One instance per
/// thread is reused: <see cref="Build"/> overwrites the previous graph, so a compiler copies out what it keeps before
/// the thread builds another. The spare buffers serve the compilers' own scratch work, so compiling a network
/// allocates only the network's arrays.
/// </summary>
internal sealed class NetworkGraph
{
    [ThreadStatic]
    private static NetworkGraph? t_graph;

    private int[] _incomingStart = [];
    private int[] _sources = [];
    private double[] _weights = [];
    private int[] _positionOfId = [];
    private int[] _targetByGene = [];
    private int[] _sourceByGene = [];

    private NetworkGraph()
    {
    }

    public int NodeCount { get; private set; }

    public int LinkCount { get; private set; }

    /// <summary>Node n's incoming links are <c>IncomingStart[n]</c> to <c>IncomingStart[n + 1]</c> (exclusive).</summary>
    public ReadOnlySpan<int> IncomingStart => _incomingStart.AsSpan(0, NodeCount + 1);

    /// <summary>Source node index of each link, grouped by target.</summary>
    public ReadOnlySpan<int> Sources => _sources.AsSpan(0, LinkCount);

    /// <summary>Weight of each link, grouped by target.</summary>
    public ReadOnlySpan<double> Weights => _weights.AsSpan(0, LinkCount);

    /// <summary>Scratch for a compiler, at least NodeCount + 1 long; its contents are the caller's.</summary>
    public int[] SpareA { get; private set; } = [];

    /// <summary>Scratch for a compiler, at least NodeCount + 1 long; its contents are the caller's.</summary>
    public int[] SpareB { get; private set; } = [];

    /// <summary>Scratch for a compiler, at least LinkCount long; its contents are the caller's.</summary>
    public int[] SpareLinks { get; private set; } = [];

    /// <summary>This thread's graph, now holding <paramref name="genome"/>'s.</summary>
    public static NetworkGraph Build(NeatGenome genome)
    {
        var graph = t_graph ??= new NetworkGraph();
        graph.Load(genome);
        return graph;
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

    private static T[] Grow<T>(T[] buffer, int length) => buffer.Length >= length ? buffer : new T[Math.Max(length, 2 * buffer.Length)];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Load(NeatGenome genome)
    {
        var genes = genome.Connections.AsSpan();
        var nodes = genome.Nodes.AsSpan();
        var nodeCount = nodes.Length;

        // Node ids ascend, so the last is the largest: a direct id -> position table replaces a search per endpoint.
        _positionOfId = Grow(_positionOfId, nodes[^1].Id + 1);
        for (var n = 0; n < nodeCount; n++)
        {
            _positionOfId[nodes[n].Id] = n;
        }

        _incomingStart = Grow(_incomingStart, nodeCount + 1);
        _targetByGene = Grow(_targetByGene, genes.Length);
        _sourceByGene = Grow(_sourceByGene, genes.Length);
        SpareA = Grow(SpareA, nodeCount + 1);
        SpareB = Grow(SpareB, nodeCount + 1);
        var incomingStart = _incomingStart.AsSpan(0, nodeCount + 1);
        incomingStart.Clear();
        var linkCount = 0;
        for (var g = 0; g < genes.Length; g++)
        {
            if (!genes[g].Enabled)
            {
                _targetByGene[g] = -1;
                continue;
            }

            var target = _positionOfId[genes[g].Target];
            _targetByGene[g] = target;
            _sourceByGene[g] = _positionOfId[genes[g].Source];
            incomingStart[target + 1]++;
            linkCount++;
        }

        for (var n = 0; n < nodeCount; n++)
        {
            incomingStart[n + 1] += incomingStart[n];
        }

        // Counting sort by target, stable, so each node sums its inputs in gene order.
        _sources = Grow(_sources, linkCount);
        _weights = Grow(_weights, linkCount);
        SpareLinks = Grow(SpareLinks, linkCount);
        var next = SpareA.AsSpan(0, nodeCount);
        incomingStart[..nodeCount].CopyTo(next);
        for (var g = 0; g < genes.Length; g++)
        {
            var target = _targetByGene[g];
            if (target < 0)
            {
                continue;
            }

            var k = next[target]++;
            _sources[k] = _sourceByGene[g];
            _weights[k] = genes[g].Weight;
        }

        NodeCount = nodeCount;
        LinkCount = linkCount;
    }
}
