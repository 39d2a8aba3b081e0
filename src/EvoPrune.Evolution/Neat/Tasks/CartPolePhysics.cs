namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>
/// A cart on a track carrying one or two hinged poles, with Wieland's equations of motion as used by the NEAT
/// paper's pole-balancing experiments (and ESP before it), integrated with fourth-order Runge-Kutta at 0.01 s.
/// The state is (x, ẋ, θ1, θ̇1[, θ2, θ̇2]) in metres, m/s, radians and rad/s; θ = 0 is upright.
/// </summary>
public sealed class CartPolePhysics
{
    /// <summary>Gravity, signed as in Wieland's formulation.</summary>
    public const double Gravity = -9.8;

    /// <summary>Cart mass in kg.</summary>
    public const double CartMass = 1.0;

    /// <summary>Coefficient of friction of each pole's hinge.</summary>
    public const double HingeFriction = 0.000002;

    /// <summary>Integration step in seconds.</summary>
    public const double TimeStep = 0.01;

    private readonly double[] _halfLengths;
    private readonly double[] _masses;
    private readonly double[] _k1;
    private readonly double[] _k2;
    private readonly double[] _k3;
    private readonly double[] _k4;
    private readonly double[] _tmp;

    /// <summary>A cart with poles of the given half-lengths (m) and masses (kg).</summary>
    public CartPolePhysics(IReadOnlyList<double> halfLengths, IReadOnlyList<double> masses)
    {
        ArgumentNullException.ThrowIfNull(halfLengths);
        ArgumentNullException.ThrowIfNull(masses);
        if (halfLengths.Count is < 1 or > 2 || halfLengths.Count != masses.Count)
        {
            throw new ArgumentException("One or two poles, each with a half-length and a mass.", nameof(halfLengths));
        }

        _halfLengths = [.. halfLengths];
        _masses = [.. masses];
        StateLength = 2 + (2 * _halfLengths.Length);
        _k1 = new double[StateLength];
        _k2 = new double[StateLength];
        _k3 = new double[StateLength];
        _k4 = new double[StateLength];
        _tmp = new double[StateLength];
    }

    /// <summary>Values in a state vector.</summary>
    public int StateLength { get; }

    /// <summary>Number of poles.</summary>
    public int PoleCount => _halfLengths.Length;

    /// <summary>The classic single pole: 1 m long (0.5 m half-length), 0.1 kg.</summary>
    public static CartPolePhysics SinglePole() => new([0.5], [0.1]);

    /// <summary>The standard double pole: 1 m and 0.1 m long (half-lengths 0.5 and 0.05), 0.1 and 0.01 kg.</summary>
    public static CartPolePhysics DoublePole() => new([0.5, 0.05], [0.1, 0.01]);

    /// <summary>The time derivative of <paramref name="state"/> under <paramref name="force"/> newtons.</summary>
    public void Derivatives(ReadOnlySpan<double> state, double force, Span<double> derivative)
    {
        var effectiveMass = CartMass;
        var poleForce = 0.0;
        for (var p = 0; p < _halfLengths.Length; p++)
        {
            var theta = state[2 + (2 * p)];
            var omega = state[3 + (2 * p)];
            var cos = Math.Cos(theta);
            var massLength = _masses[p] * _halfLengths[p];
            var friction = HingeFriction * omega / massLength;
            poleForce += (massLength * omega * omega * Math.Sin(theta)) + (0.75 * _masses[p] * cos * (friction + (Gravity * Math.Sin(theta))));
            effectiveMass += _masses[p] * (1.0 - (0.75 * cos * cos));
        }

        var acceleration = (force + poleForce) / effectiveMass;
        derivative[0] = state[1];
        derivative[1] = acceleration;
        for (var p = 0; p < _halfLengths.Length; p++)
        {
            var theta = state[2 + (2 * p)];
            var omega = state[3 + (2 * p)];
            var friction = HingeFriction * omega / (_masses[p] * _halfLengths[p]);
            derivative[2 + (2 * p)] = omega;
            derivative[3 + (2 * p)] = -0.75 * ((acceleration * Math.Cos(theta)) + (Gravity * Math.Sin(theta)) + friction) / _halfLengths[p];
        }
    }

    /// <summary>Advances <paramref name="state"/> by one RK4 step of <see cref="TimeStep"/> with constant <paramref name="force"/>.</summary>
    public void Step(Span<double> state, double force)
    {
        if (state.Length != StateLength)
        {
            throw new ArgumentException($"Expected a state of {StateLength} values, got {state.Length}.", nameof(state));
        }

        const double h = TimeStep;
        Derivatives(state, force, _k1);
        Offset(state, _k1, h / 2);
        Derivatives(_tmp, force, _k2);
        Offset(state, _k2, h / 2);
        Derivatives(_tmp, force, _k3);
        Offset(state, _k3, h);
        Derivatives(_tmp, force, _k4);
        for (var i = 0; i < state.Length; i++)
        {
            state[i] += h / 6 * (_k1[i] + (2 * _k2[i]) + (2 * _k3[i]) + _k4[i]);
        }
    }

    private void Offset(ReadOnlySpan<double> state, double[] slope, double h)
    {
        for (var i = 0; i < state.Length; i++)
        {
            _tmp[i] = state[i] + (h * slope[i]);
        }
    }
}
