using System.Runtime.CompilerServices;

namespace EvoPrune.Evolution.Neat.Phenotypes;

/// <summary>The steepened sigmoid 1/(1+e^(−slope·x)) NEAT uses at every hidden and output node.</summary>
public static class Sigmoid
{
    /// <summary>The paper's slope.</summary>
    public const double PaperSlope = 4.9;

    /// <summary>φ(<paramref name="x"/>) with <paramref name="slope"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Steepened(double x, double slope) => 1.0 / (1.0 + Math.Exp(-slope * x));
}
