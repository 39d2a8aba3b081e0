using EvoPrune.Evolution.Neat.Phenotypes;

namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>
/// The binary k-multiplexer: k address bits select one of 2^k data bits, which the single output must reproduce
/// (6-multiplexer: k = 2, 64 cases; 11-multiplexer: k = 3, 2,048 cases). Fitness by default is the number of cases
/// answered on the right side of 0.5 plus the summed closeness 1 − |error| (so partial progress counts), or with
/// <see cref="MultiplexerFitness.Squared"/> SharpNEAT's Σ(1 − error²); solved when every case is right.
/// </summary>
public sealed class MultiplexerTask : INeatTask
{
    private readonly double[][] _cases;
    private readonly double[] _answers;
    private readonly double[] _columns;

    [ThreadStatic]
    private static double[]? t_scratch;

    [ThreadStatic]
    private static double[]? t_outputs;

    /// <summary>A multiplexer with <paramref name="addressBits"/> address bits (1 to 4), scored by <paramref name="fitness"/>.</summary>
    public MultiplexerTask(int addressBits, MultiplexerFitness fitness = MultiplexerFitness.Absolute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(addressBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(addressBits, 4);
        if (!Enum.IsDefined(fitness))
        {
            throw new ArgumentOutOfRangeException(nameof(fitness), fitness, "Not a multiplexer fitness.");
        }

        AddressBits = addressBits;
        Fitness = fitness;
        InputCount = addressBits + (1 << addressBits);
        var caseCount = 1 << InputCount;
        _cases = new double[caseCount][];
        _answers = new double[caseCount];
        for (var c = 0; c < caseCount; c++)
        {
            var bits = new double[InputCount];
            for (var b = 0; b < InputCount; b++)
            {
                bits[b] = (c >> b) & 1;
            }

            var address = 0;
            for (var b = 0; b < addressBits; b++)
            {
                address |= (int)bits[b] << b;
            }

            _cases[c] = bits;
            _answers[c] = bits[addressBits + address];
        }

        // Column by column (input b of case c at b × cases + c), the layout the batched network reads in place.
        _columns = new double[InputCount * caseCount];
        for (var b = 0; b < InputCount; b++)
        {
            for (var c = 0; c < caseCount; c++)
            {
                _columns[(b * caseCount) + c] = _cases[c][b];
            }
        }
    }

    /// <summary>The 6-multiplexer.</summary>
    public static MultiplexerTask Six => new(2);

    /// <summary>The 11-multiplexer.</summary>
    public static MultiplexerTask Eleven => new(3);

    /// <summary>The 6-multiplexer scored by <paramref name="fitness"/>.</summary>
    public static MultiplexerTask SixWith(MultiplexerFitness fitness) => new(2, fitness);

    /// <summary>The 11-multiplexer scored by <paramref name="fitness"/>.</summary>
    public static MultiplexerTask ElevenWith(MultiplexerFitness fitness) => new(3, fitness);

    /// <summary>How the answers become one fitness.</summary>
    public MultiplexerFitness Fitness { get; }

    /// <summary>Address bits k.</summary>
    public int AddressBits { get; }

    /// <summary>Number of test cases (2^(k + 2^k)).</summary>
    public int CaseCount => _cases.Length;

    /// <inheritdoc />
    public int InputCount { get; }

    /// <inheritdoc />
    public int OutputCount => 1;

    /// <summary>How many of the cases <paramref name="network"/> answers on the right side of 0.5.</summary>
    public int CorrectCases(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Span<double> output = stackalloc double[1];
        var correct = 0;
        for (var c = 0; c < _cases.Length; c++)
        {
            network.Reset();
            network.Activate(_cases[c], output);
            correct += (output[0] > 0.5) == (_answers[c] > 0.5) ? 1 : 0;
        }

        return correct;
    }

    /// <summary>
    /// SharpNEAT's multiplexer fitness without its 10,000 bonus for a solution: Σ over the cases of 1 − (error)², the
    /// output clamped to [0, 1]. A network that answers 0.5 everywhere scores 3/4 of the case count, one right
    /// everywhere the case count; <c>neat-bench --seconds</c> prints it so its figures compare with SharpNEAT's.
    /// </summary>
    public double SquaredErrorScore(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Span<double> output = stackalloc double[1];
        var score = 0.0;
        for (var c = 0; c < _cases.Length; c++)
        {
            network.Reset();
            network.Activate(_cases[c], output);
            var error = Math.Clamp(output[0], 0.0, 1.0) - _answers[c];
            score += 1.0 - (error * error);
        }

        return score;
    }

    /// <inheritdoc />
    public NeatEvaluation Evaluate(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var correct = 0;
        var closeness = 0.0;
        if (network is FeedForwardNetwork feedForward)
        {
            // All cases in one pass over the network (SIMD across cases); the outputs equal case-by-case activation.
            var outputs = t_outputs is { } buffer && buffer.Length == _cases.Length ? buffer : t_outputs = new double[_cases.Length];
            feedForward.ActivateColumns(_columns, outputs, _cases.Length, ref t_scratch);
            for (var c = 0; c < _cases.Length; c++)
            {
                closeness += Closeness(outputs[c], _answers[c]);
                correct += (outputs[c] > 0.5) == (_answers[c] > 0.5) ? 1 : 0;
            }

            return Score(correct, closeness);
        }

        Span<double> output = stackalloc double[1];
        for (var c = 0; c < _cases.Length; c++)
        {
            network.Reset();
            network.Activate(_cases[c], output);
            closeness += Closeness(output[0], _answers[c]);
            correct += (output[0] > 0.5) == (_answers[c] > 0.5) ? 1 : 0;
        }

        return Score(correct, closeness);
    }

    private double Closeness(double output, double answer)
    {
        if (Fitness == MultiplexerFitness.Squared)
        {
            var error = Math.Clamp(output, 0.0, 1.0) - answer;
            return 1.0 - (error * error);
        }

        return 1.0 - Math.Abs(output - answer);
    }

    private NeatEvaluation Score(int correct, double closeness) =>
        new(Fitness == MultiplexerFitness.Squared ? closeness : correct + closeness, correct == _cases.Length);
}
