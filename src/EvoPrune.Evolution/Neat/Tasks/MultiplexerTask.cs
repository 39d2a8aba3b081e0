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
        var outputs = OneByOne(network);
        var correct = 0;
        for (var c = 0; c < outputs.Length; c++)
        {
            correct += Right(outputs[c], _answers[c]) ? 1 : 0;
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
        var outputs = OneByOne(network);
        var score = 0.0;
        for (var c = 0; c < outputs.Length; c++)
        {
            score += SquaredCloseness(outputs[c], _answers[c]);
        }

        return score;
    }

    /// <inheritdoc />
    public NeatEvaluation Evaluate(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        double[] outputs;
        if (network is FeedForwardNetwork feedForward)
        {
            // All cases in one pass over the network (SIMD across cases); the outputs equal case-by-case activation.
            outputs = Outputs();
            feedForward.ActivateColumns(_columns, outputs, _cases.Length, ref t_scratch);
        }
        else
        {
            outputs = OneByOne(network);
        }

        var correct = 0;
        var closeness = 0.0;
        for (var c = 0; c < outputs.Length; c++)
        {
            closeness += Fitness == MultiplexerFitness.Squared ? SquaredCloseness(outputs[c], _answers[c]) : 1.0 - Math.Abs(outputs[c] - _answers[c]);
            correct += Right(outputs[c], _answers[c]) ? 1 : 0;
        }

        return new NeatEvaluation(Fitness == MultiplexerFitness.Squared ? closeness : correct + closeness, correct == _cases.Length);
    }

    private static bool Right(double output, double answer) => (output > 0.5) == (answer > 0.5);

    private static double SquaredCloseness(double output, double answer)
    {
        var error = Math.Clamp(output, 0.0, 1.0) - answer;
        return 1.0 - (error * error);
    }

    // This thread's buffer of one output per case; its contents last until the thread's next call.
    private double[] Outputs() => t_outputs is { } buffer && buffer.Length == _cases.Length ? buffer : t_outputs = new double[_cases.Length];

    // The network's answer to every case, activated case by case (any network, recurrent ones reset before each case).
    private double[] OneByOne(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var outputs = Outputs();
        Span<double> output = stackalloc double[1];
        for (var c = 0; c < _cases.Length; c++)
        {
            network.Reset();
            network.Activate(_cases[c], output);
            outputs[c] = output[0];
        }

        return outputs;
    }
}
