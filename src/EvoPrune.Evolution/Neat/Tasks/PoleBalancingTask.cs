using EvoPrune.Evolution.Neat.Phenotypes;

namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>
/// Pole balancing in the paper's protocol (§4.3.1): the network acts every 0.02 s (two RK4 steps of 0.01 s), its
/// output o in [0, 1] becomes a force of (2o − 1)·10 N, the track is 4.8 m (|x| ≤ 2.4) and the long pole starts
/// at 1°. A trial fails when the cart leaves the track or a pole passes the failure angle (12° single, 36° double).
/// Inputs, scaled to about [−1, 1]: x/2.4, θ/0.52 per pole, plus ẋ/2 and θ̇/2 per pole with velocities.
/// Fitness is the number of control steps balanced; solved when it reaches <see cref="MaxSteps"/>.
/// Use recurrent settings (<see cref="NeatSettings.FeedForward"/> false), one network step per control step.
/// </summary>
public sealed class PoleBalancingTask : INeatTask
{
    private readonly double _failureAngle;

    /// <summary>A task with <paramref name="poles"/> poles (1 or 2), with or without velocity inputs.</summary>
    public PoleBalancingTask(int poles, bool velocities, int maxSteps = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(poles, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(poles, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSteps);
        Poles = poles;
        Velocities = velocities;
        MaxSteps = maxSteps;
        _failureAngle = (poles == 1 ? 12.0 : 36.0) * Math.PI / 180.0;
        InputCount = velocities ? 2 + (2 * poles) : 1 + poles;
    }

    /// <summary>Number of poles.</summary>
    public int Poles { get; }

    /// <summary>Whether the network sees velocities (Markovian variant).</summary>
    public bool Velocities { get; }

    /// <summary>Control steps (0.02 s each) that count as success.</summary>
    public int MaxSteps { get; }

    /// <inheritdoc />
    public int InputCount { get; }

    /// <inheritdoc />
    public int OutputCount => 1;

    /// <inheritdoc />
    public NeatEvaluation Evaluate(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var physics = Poles == 1 ? CartPolePhysics.SinglePole() : CartPolePhysics.DoublePole();
        Span<double> state = stackalloc double[physics.StateLength];
        Span<double> inputs = stackalloc double[InputCount];
        Span<double> output = stackalloc double[1];
        state[2] = Math.PI / 180.0;
        network.Reset();
        var steps = 0;
        while (steps < MaxSteps)
        {
            FillInputs(state, inputs);
            network.Activate(inputs, output);
            var force = ((2.0 * output[0]) - 1.0) * 10.0;
            physics.Step(state, force);
            physics.Step(state, force);
            if (Failed(state))
            {
                break;
            }

            steps++;
        }

        return new NeatEvaluation(steps, steps >= MaxSteps);
    }

    private void FillInputs(ReadOnlySpan<double> state, Span<double> inputs)
    {
        var k = 0;
        inputs[k++] = state[0] / 2.4;
        if (Velocities)
        {
            inputs[k++] = state[1] / 2.0;
        }

        for (var p = 0; p < Poles; p++)
        {
            inputs[k++] = state[2 + (2 * p)] / 0.52;
            if (Velocities)
            {
                inputs[k++] = state[3 + (2 * p)] / 2.0;
            }
        }
    }

    private bool Failed(ReadOnlySpan<double> state)
    {
        if (Math.Abs(state[0]) > 2.4)
        {
            return true;
        }

        for (var p = 0; p < Poles; p++)
        {
            if (Math.Abs(state[2 + (2 * p)]) > _failureAngle)
            {
                return true;
            }
        }

        return false;
    }
}
