using EvoPrune.Evolution.Neat.Phenotypes;

namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>
/// The paper's XOR task (§4.2): two inputs plus bias, one output. Fitness is (4 − Σ|error|)² over the four
/// patterns; a network solves it when every output is on the right side of 0.5 (the original NEAT code's test).
/// </summary>
public sealed class XorTask : INeatTask
{
    private static readonly double[][] Patterns = [[0, 0], [0, 1], [1, 0], [1, 1]];
    // The patterns column by column: first inputs, then second inputs.
    private static readonly double[] Columns = [0, 0, 1, 1, 0, 1, 0, 1];

    [ThreadStatic]
    private static double[]? t_scratch;

    /// <inheritdoc />
    public int InputCount => 2;

    /// <inheritdoc />
    public int OutputCount => 1;

    /// <inheritdoc />
    public NeatEvaluation Evaluate(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var error = 0.0;
        var solved = true;
        if (network is FeedForwardNetwork feedForward)
        {
            // The four patterns in one pass over the network; the outputs equal pattern-by-pattern activation.
            Span<double> outputs = stackalloc double[4];
            feedForward.ActivateColumns(Columns, outputs, 4, ref t_scratch);
            for (var p = 0; p < 4; p++)
            {
                var expected = Patterns[p][0] != Patterns[p][1] ? 1.0 : 0.0;
                error += Math.Abs(outputs[p] - expected);
                solved &= (outputs[p] > 0.5) == (expected > 0.5);
            }

            return new NeatEvaluation((4.0 - error) * (4.0 - error), solved);
        }

        Span<double> output = stackalloc double[1];
        foreach (var pattern in Patterns)
        {
            var expected = pattern[0] != pattern[1] ? 1.0 : 0.0;
            network.Reset();
            network.Activate(pattern, output);
            error += Math.Abs(output[0] - expected);
            solved &= (output[0] > 0.5) == (expected > 0.5);
        }

        return new NeatEvaluation((4.0 - error) * (4.0 - error), solved);
    }
}
