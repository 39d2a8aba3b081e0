using System.Runtime.CompilerServices;

namespace EvoPrune.Evolution.Neat.Phenotypes;

/// <summary>
/// An acyclic network compiled to flat arrays: computed nodes in topological order, each with a contiguous run of
/// (source index, weight) pairs. One activation is a single pass with no allocation. Disabled links are dropped;
/// a hidden node without inputs outputs φ(0).
/// </summary>
public sealed class FeedForwardNetwork : INeatNetwork
{
    // Sized exactly by Create; a network recompiled in place (Compile) keeps larger arrays and uses the counts.
    private double[] _values = [];
    private int[] _order = [];
    private int[] _runStart = [];
    private int[] _sources = [];
    private double[] _weights = [];
    private int _nodeCount;
    private int _computedCount;
    private int _linkCount;
    private double _slope;

    private FeedForwardNetwork()
    {
    }

    /// <inheritdoc />
    public int InputCount { get; private set; }

    /// <inheritdoc />
    public int OutputCount { get; private set; }

    /// <summary>Number of expressed links (connection evaluations per activation).</summary>
    public int ConnectionCount => _linkCount;

    /// <summary>Compiles <paramref name="genome"/>; throws <see cref="ArgumentException"/> when its enabled links form a cycle.</summary>
    public static FeedForwardNetwork Create(NeatGenome genome, double slope = Sigmoid.PaperSlope) => Compile(genome, slope, null);

    /// <summary>
    /// Compiles <paramref name="genome"/> into <paramref name="reuse"/> (growing its arrays only when they are too
    /// small), or into a new network when it is null. Activation never reads a node before writing it, so a
    /// recompiled network computes exactly what a new one would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static FeedForwardNetwork Compile(NeatGenome genome, double slope, FeedForwardNetwork? reuse)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var graph = NetworkGraph.Build(genome);
        var nodeCount = graph.NodeCount;
        var firstComputed = genome.InputCount + 1;
        var computedCount = nodeCount - firstComputed;
        var incoming = graph.IncomingStart;
        var linkSources = graph.Sources;

        // Outgoing lists (node -> targets), compressed-row, for Kahn's algorithm; built in the graph's spare buffers
        // (the second serves as the fill cursor here and as the pending-input counts below).
        var outStart = graph.SpareA.AsSpan(0, nodeCount + 1);
        outStart.Clear();
        foreach (var source in linkSources)
        {
            outStart[source + 1]++;
        }

        for (var n = 0; n < nodeCount; n++)
        {
            outStart[n + 1] += outStart[n];
        }

        var outTargets = graph.SpareLinks.AsSpan(0, linkSources.Length);
        var fill = graph.SpareB.AsSpan(0, nodeCount);
        outStart[..nodeCount].CopyTo(fill);
        for (var target = 0; target < nodeCount; target++)
        {
            for (var k = incoming[target]; k < incoming[target + 1]; k++)
            {
                outTargets[fill[linkSources[k]]++] = target;
            }
        }

        // Kahn's algorithm with the inputs and bias already done; any topological order gives the same values,
        // since each node sums its inputs in gene order.
        var pending = fill;
        for (var n = 0; n < nodeCount; n++)
        {
            pending[n] = incoming[n + 1] - incoming[n];
        }

        var order = Fit(reuse?._order ?? [], computedCount, reuse != null);
        var head = 0;
        var tail = 0;
        for (var n = firstComputed; n < nodeCount; n++)
        {
            if (pending[n] == 0)
            {
                order[tail++] = n;
            }
        }

        for (var n = 0; n < firstComputed; n++)
        {
            Release(n, outStart, outTargets, pending);
        }

        while (head < tail)
        {
            Release(order[head++], outStart, outTargets, pending);
        }

        if (tail != computedCount)
        {
            throw new ArgumentException("The genome's enabled connections contain a cycle; use RecurrentNetwork.", nameof(genome));
        }

        var network = reuse ?? new FeedForwardNetwork();
        var runStart = network._runStart = Fit(network._runStart, computedCount + 1, reuse != null);
        var sources = network._sources = Fit(network._sources, linkSources.Length, reuse != null);
        var weights = network._weights = Fit(network._weights, linkSources.Length, reuse != null);
        var at = 0;
        for (var i = 0; i < computedCount; i++)
        {
            runStart[i] = at;
            var node = order[i];
            var length = incoming[node + 1] - incoming[node];
            linkSources.Slice(incoming[node], length).CopyTo(sources.AsSpan(at));
            graph.Weights.Slice(incoming[node], length).CopyTo(weights.AsSpan(at));
            at += length;
        }

        runStart[computedCount] = at;
        network._order = order;
        network._values = Fit(network._values, nodeCount, reuse != null);
        network._nodeCount = nodeCount;
        network._computedCount = computedCount;
        network._linkCount = linkSources.Length;
        network._slope = slope;
        network.InputCount = genome.InputCount;
        network.OutputCount = genome.OutputCount;
        return network;

        void Release(int node, Span<int> outStart, Span<int> outTargets, Span<int> pending)
        {
            for (var k = outStart[node]; k < outStart[node + 1]; k++)
            {
                var target = outTargets[k];
                if (--pending[target] == 0 && target >= firstComputed)
                {
                    order[tail++] = target;
                }
            }
        }
    }

    // An array of `length` elements: `buffer` itself when reusing and it is long enough, else a new exact one.
    private static T[] Fit<T>(T[] buffer, int length, bool reusing) =>
        reusing && buffer.Length >= length ? buffer : new T[reusing ? Math.Max(length, 2 * buffer.Length) : length];

    /// <inheritdoc />
    public void Activate(ReadOnlySpan<double> inputs, Span<double> outputs)
    {
        NetworkGraph.CheckSpans(inputs, outputs, InputCount, OutputCount);
        var values = _values;
        inputs.CopyTo(values);
        values[InputCount] = 1.0;
        var sources = _sources;
        var weights = _weights;
        var runStart = _runStart;
        var order = _order;
        var slope = _slope;
        var k = 0;
        for (var i = 0; i < _computedCount; i++)
        {
            var sum = 0.0;
            var end = runStart[i + 1];
            for (; k < end; k++)
            {
                sum += values[sources[k]] * weights[k];
            }

            values[order[i]] = Sigmoid.Steepened(sum, slope);
        }

        values.AsSpan(InputCount + 1, OutputCount).CopyTo(outputs);
    }

    /// <inheritdoc />
    public void Reset() => Array.Clear(_values, 0, _nodeCount);

    /// <summary>
    /// Activates the network on <paramref name="count"/> examples at once: <paramref name="inputs"/> holds them row by
    /// row (<c>count × InputCount</c>), <paramref name="outputs"/> receives <c>count × OutputCount</c>. Node by node
    /// over all examples (SIMD across examples), so a table costs one pass over the network instead of one per row;
    /// the results equal <see cref="Activate"/> on each row. <paramref name="scratch"/> is grown as needed and may be
    /// reused between calls (one per thread).
    /// </summary>
    public void ActivateBatch(ReadOnlySpan<double> inputs, Span<double> outputs, int count, ref double[]? scratch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (inputs.Length != count * InputCount || outputs.Length != count * OutputCount)
        {
            throw new ArgumentException($"{count} examples need {count * InputCount} inputs and {count * OutputCount} outputs; got {inputs.Length} and {outputs.Length}.");
        }

        var values = Scratch(count, ref scratch);
        for (var row = 0; row < count; row++)
        {
            for (var i = 0; i < InputCount; i++)
            {
                values[(i * count) + row] = inputs[(row * InputCount) + i];
            }
        }

        Propagate(values[..(InputCount * count)], values, count);
        for (var row = 0; row < count; row++)
        {
            for (var o = 0; o < OutputCount; o++)
            {
                outputs[(row * OutputCount) + o] = values[((InputCount + 1 + o) * count) + row];
            }
        }
    }

    /// <summary>
    /// <see cref="ActivateBatch"/> on a table stored column by column: input i of example r at
    /// <c>inputs[i × count + r]</c>, output o of example r written to <c>outputs[o × count + r]</c>. The network reads
    /// the input columns where they are, so a task that keeps its table this way pays no transposition per call; the
    /// results equal <see cref="ActivateBatch"/>'s.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ActivateColumns(ReadOnlySpan<double> inputs, Span<double> outputs, int count, ref double[]? scratch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (inputs.Length != count * InputCount || outputs.Length != count * OutputCount)
        {
            throw new ArgumentException($"{count} examples need {count * InputCount} inputs and {count * OutputCount} outputs; got {inputs.Length} and {outputs.Length}.");
        }

        var values = Scratch(count, ref scratch);
        Propagate(inputs, values, count);
        values.Slice((InputCount + 1) * count, OutputCount * count).CopyTo(outputs);
    }

    // Room for every node's column of `count` values (the input columns' room goes unused by ActivateColumns).
    private Span<double> Scratch(int count, ref double[]? scratch)
    {
        var length = _nodeCount * count;
        if (scratch == null || scratch.Length < length)
        {
            scratch = new double[length];
        }

        return scratch.AsSpan(0, length);
    }

    // Every computed node's column in topological order: the bias column is set, inputs are read from `inputColumns`.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Propagate(ReadOnlySpan<double> inputColumns, Span<double> values, int count)
    {
        values.Slice(InputCount * count, count).Fill(1.0);
        for (var i = 0; i < _computedCount; i++)
        {
            var target = values.Slice(_order[i] * count, count);
            target.Clear();
            for (var k = _runStart[i]; k < _runStart[i + 1]; k++)
            {
                var source = _sources[k];
                var column = source < InputCount ? inputColumns.Slice(source * count, count) : values.Slice(source * count, count);
                MultiplyAdd(column, _weights[k], target);
            }

            for (var row = 0; row < count; row++)
            {
                target[row] = Sigmoid.Steepened(target[row], _slope);
            }
        }
    }

    // target += weight * source, a SIMD vector at a time.
    private static void MultiplyAdd(ReadOnlySpan<double> source, double weight, Span<double> target)
    {
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && source.Length >= System.Numerics.Vector<double>.Count)
        {
            var w = new System.Numerics.Vector<double>(weight);
            for (; i <= source.Length - System.Numerics.Vector<double>.Count; i += System.Numerics.Vector<double>.Count)
            {
                var sum = new System.Numerics.Vector<double>(target[i..]) + (w * new System.Numerics.Vector<double>(source[i..]));
                sum.CopyTo(target[i..]);
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] += weight * source[i];
        }
    }
}
