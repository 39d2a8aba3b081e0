namespace EvoPrune.Evolution.Neat.Phenotypes;

/// <summary>
/// A network that may contain cycles, updated synchronously: each step every hidden and output node reads the
/// previous step's values (inputs and bias are current). <see cref="Activate"/> runs <see cref="StepsPerActivation"/>
/// steps, one by default, as in the paper's pole balancing where the network is activated once per time step and
/// signals take several steps to cross deep structure.
/// </summary>
public sealed class RecurrentNetwork : INeatNetwork
{
    private readonly double[] _current;
    private readonly double[] _next;
    private readonly int[] _runStart;
    private readonly int[] _sources;
    private readonly double[] _weights;
    private readonly double _slope;

    /// <summary>Compiles <paramref name="genome"/>.</summary>
    public RecurrentNetwork(NeatGenome genome, int stepsPerActivation = 1, double slope = Sigmoid.PaperSlope)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepsPerActivation);
        InputCount = genome.InputCount;
        OutputCount = genome.OutputCount;
        StepsPerActivation = stepsPerActivation;
        _slope = slope;
        var graph = NetworkGraph.Build(genome);
        _current = new double[graph.NodeCount];
        _next = new double[graph.NodeCount];
        var first = InputCount + 1;
        _runStart = graph.IncomingStart[first..].ToArray();
        for (var i = 0; i < _runStart.Length; i++)
        {
            _runStart[i] -= graph.IncomingStart[first];
        }

        var offset = graph.IncomingStart[first];
        _sources = graph.Sources[offset..].ToArray();
        _weights = graph.Weights[offset..].ToArray();
    }

    /// <inheritdoc />
    public int InputCount { get; }

    /// <inheritdoc />
    public int OutputCount { get; }

    /// <summary>Synchronous update steps per <see cref="Activate"/> call.</summary>
    public int StepsPerActivation { get; }

    /// <inheritdoc />
    public void Activate(ReadOnlySpan<double> inputs, Span<double> outputs)
    {
        NetworkGraph.CheckSpans(inputs, outputs, InputCount, OutputCount);
        var first = InputCount + 1;
        inputs.CopyTo(_current);
        _current[InputCount] = 1.0;
        for (var step = 0; step < StepsPerActivation; step++)
        {
            for (var n = first; n < _current.Length; n++)
            {
                var sum = 0.0;
                for (var k = _runStart[n - first]; k < _runStart[n - first + 1]; k++)
                {
                    sum += _current[_sources[k]] * _weights[k];
                }

                _next[n] = Sigmoid.Steepened(sum, _slope);
            }

            Array.Copy(_next, first, _current, first, _current.Length - first);
        }

        _current.AsSpan(first, OutputCount).CopyTo(outputs);
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_current);
        Array.Clear(_next);
    }
}
