using EvoPrune.Evolution.Neat.Phenotypes;

namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>
/// Double pole balancing without velocities (DPNV) with the fitness and success test of Gruau, Whitley and Pyeatt
/// (1996) that the NEAT paper uses (§4.3.3, Table 2). The network sees x/2.4, θ1/0.52 and θ2/0.52 only, so it must
/// be recurrent; physics, control rate and failure angle (36°) are those of <see cref="PoleBalancingTask"/>.
/// <list type="bullet">
/// <item>Fitness over a 1,000-step trial from the standard start (long pole at 1°): F = 0.1·t/1000 + 0.9·f2, with
/// f2 = 0 when t &lt; 100 and otherwise 0.75 / Σ over the last 100 steps of (|x| + |ẋ| + |θ1| + |θ̇1|), which rewards
/// balancing without oscillation.</item>
/// <item>Solved: a network that lasts the 1,000 steps is then asked to balance for 100,000 steps from the same start,
/// and to generalise: balance for 1,000 steps from at least 200 of the 625 start states in which x, ẋ, θ1 and θ̇1
/// each take 5%, 25%, 50%, 75% and 95% of their ranges (x ±2.16 m, ẋ ±1.35 m/s, θ1 ±3.6°, θ̇1 ±8.6°/s; the short
/// pole upright and still).</item>
/// </list>
/// The paper applies the success test to one champion per generation; here every network that lasts 1,000 steps is
/// tested, which can only find a solution earlier, never accept a weaker one.
/// </summary>
public sealed class GruauPoleBalancingTask : INeatTask
{
    /// <summary>Steps of the fitness trial.</summary>
    public const int TrialSteps = 1_000;

    /// <summary>Steps of the long balancing test.</summary>
    public const int LongTestSteps = 100_000;

    /// <summary>Start states (of 625) a solution must balance for <see cref="TrialSteps"/> steps.</summary>
    public const int GeneralizationThreshold = 200;

    private static readonly double[] Fractions = [0.05, 0.25, 0.5, 0.75, 0.95];
    private static readonly double FailureAngle = 36.0 * Math.PI / 180.0;

    /// <summary>The ranges (±) of x, ẋ, θ1 and θ̇1 the generalisation starts are spread over.</summary>
    public static readonly double[] StartRanges = [2.16, 1.35, 3.6 * Math.PI / 180.0, 8.6 * Math.PI / 180.0];

    /// <inheritdoc />
    public int InputCount => 3;

    /// <inheritdoc />
    public int OutputCount => 1;

    /// <inheritdoc />
    public NeatEvaluation Evaluate(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var (steps, fitness) = Trial(network);
        var solved = steps >= TrialSteps
            && Balance(network, StandardStart(), LongTestSteps) >= LongTestSteps
            && Generalization(network) >= GeneralizationThreshold;
        return new NeatEvaluation(fitness, solved);
    }

    /// <summary>The Gruau fitness trial from the standard start: steps balanced (up to 1,000) and F.</summary>
    public static (int Steps, double Fitness) Trial(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var physics = CartPolePhysics.DoublePole();
        var state = StandardStart();
        var recent = new double[100];
        network.Reset();
        var steps = 0;
        while (steps < TrialSteps && Step(network, physics, state))
        {
            recent[steps % recent.Length] = Math.Abs(state[0]) + Math.Abs(state[1]) + Math.Abs(state[2]) + Math.Abs(state[3]);
            steps++;
        }

        var f1 = steps / (double)TrialSteps;
        var f2 = steps < 100 ? 0.0 : 0.75 / recent.Sum();
        return (steps, (0.1 * f1) + (0.9 * f2));
    }

    /// <summary>How many of the 625 start states the network balances from for 1,000 steps.</summary>
    public static int Generalization(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var count = 0;
        foreach (var start in GeneralizationStarts())
        {
            if (Balance(network, start, TrialSteps) >= TrialSteps)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The 5⁴ = 625 start states of the generalisation test.</summary>
    public static IEnumerable<double[]> GeneralizationStarts()
    {
        foreach (var x in Fractions)
        {
            foreach (var v in Fractions)
            {
                foreach (var t in Fractions)
                {
                    foreach (var w in Fractions)
                    {
                        yield return [Spread(x, 0), Spread(v, 1), Spread(t, 2), Spread(w, 3), 0.0, 0.0];
                    }
                }
            }
        }
    }

    private static double Spread(double fraction, int variable) => (-1.0 + (2.0 * fraction)) * StartRanges[variable];

    private static double[] StandardStart() => [0.0, 0.0, Math.PI / 180.0, 0.0, 0.0, 0.0];

    private static int Balance(INeatNetwork network, double[] start, int maxSteps)
    {
        var physics = CartPolePhysics.DoublePole();
        var state = (double[])start.Clone();
        network.Reset();
        var steps = 0;
        while (steps < maxSteps && Step(network, physics, state))
        {
            steps++;
        }

        return steps;
    }

    // One control step (two RK4 steps of 0.01 s); false when the cart left the track or a pole fell.
    private static bool Step(INeatNetwork network, CartPolePhysics physics, double[] state)
    {
        Span<double> inputs = [state[0] / 2.4, state[2] / 0.52, state[4] / 0.52];
        Span<double> output = stackalloc double[1];
        network.Activate(inputs, output);
        var force = ((2.0 * output[0]) - 1.0) * 10.0;
        physics.Step(state, force);
        physics.Step(state, force);
        return Math.Abs(state[0]) <= 2.4 && Math.Abs(state[2]) <= FailureAngle && Math.Abs(state[4]) <= FailureAngle;
    }
}
