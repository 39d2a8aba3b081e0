namespace EvoPrune.Evolution.Cgp;

/// <summary>
/// The primitive set of Lapid and Sipper's activation-function search (GECCO '22): five binary operations and ten
/// PyTorch activations, with PyTorch's default parameters. RReLU is random while training in PyTorch; here it is
/// always its evaluation-mode form (a leaky ReLU with the mean slope (1/8 + 1/3) / 2), so a program is a pure
/// function and a run replays exactly.
/// </summary>
public static class CgpPrimitives
{
    /// <summary>RReLU's evaluation-mode slope: the mean of its default bounds 1/8 and 1/3.</summary>
    public const double RReluSlope = ((1.0 / 8.0) + (1.0 / 3.0)) / 2.0;

    /// <summary>Hardshrink's and Softshrink's default threshold.</summary>
    public const double ShrinkLambda = 0.5;

    /// <summary>LeakyReLU's default negative slope.</summary>
    public const double LeakySlope = 0.01;

    /// <summary>The 15 primitives, in the order genes index them.</summary>
    public static IReadOnlyList<CgpPrimitive> All { get; } =
    [
        new("max", 2, null, Math.Max),
        new("min", 2, null, Math.Min),
        new("add", 2, "+", (a, b) => a + b),
        new("sub", 2, "-", (a, b) => a - b),
        new("mul", 2, "*", (a, b) => a * b),
        new("tanh", 1, null, (a, _) => Math.Tanh(a)),
        new("relu", 1, null, (a, _) => Math.Max(a, 0)),
        new("leaky_relu", 1, null, (a, _) => a >= 0 ? a : LeakySlope * a),
        new("elu", 1, null, (a, _) => a > 0 ? a : Math.Exp(a) - 1),
        new("hardshrink", 1, null, (a, _) => Math.Abs(a) > ShrinkLambda ? a : 0),
        new("celu", 1, null, (a, _) => Math.Max(0, a) + Math.Min(0, Math.Exp(a) - 1)),
        new("hardtanh", 1, null, (a, _) => Math.Clamp(a, -1, 1)),
        new("hardswish", 1, null, (a, _) => a * Math.Clamp(a + 3, 0, 6) / 6),
        new("softshrink", 1, null, (a, _) => a > ShrinkLambda ? a - ShrinkLambda : a < -ShrinkLambda ? a + ShrinkLambda : 0),
        new("rrelu", 1, null, (a, _) => a >= 0 ? a : RReluSlope * a),
    ];

    /// <summary>The primitive called <paramref name="name"/>; the error lists the known names.</summary>
    public static CgpPrimitive Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"Unknown CGP primitive '{name}'. Known: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));
}
