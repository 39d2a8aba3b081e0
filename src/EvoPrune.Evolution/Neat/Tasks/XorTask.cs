using EvoPrune.Evolution.Neat.Phenotypes;

namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>
/// The paper's XOR task (§4.2): two inputs plus bias, one output. Fitness is (4 − Σ|error|)² over the four
/// patterns; a network solves it when every output is on the right side of 0.5 (the original NEAT code's test).
/// </summary>
public sealed class XorTask : INeatTask
{
    private static readonly double[][] Patterns = [[0, 0], [0, 1], [1, 0], [1, 1]];

    /// <inheritdoc />
    public int InputCount => 2;

    /// <inheritdoc />
    public int OutputCount => 1;

    /// <inheritdoc />
    public NeatEvaluation Evaluate(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Span<double> output = stackalloc double[1];
        var error = 0.0;
        var solved = true;
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
