using System.Runtime.CompilerServices;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// The paper's compatibility distance δ = c1·E/N + c2·D/N + c3·W̄ (Eq. 1): E excess and D disjoint genes by
/// innovation number, W̄ the mean absolute weight difference of matching genes (disabled ones included), N the
/// gene count of the larger genome, or 1 when both are smaller than <see cref="NeatSettings.SmallGenomeGeneCount"/>.
/// </summary>
public sealed class CompatibilityDistance
{
    private readonly double _c1;
    private readonly double _c2;
    private readonly double _c3;
    private readonly int _smallGenome;
    private readonly bool _canStopEarly;

    /// <summary>A distance with the coefficients of <paramref name="settings"/>.</summary>
    public CompatibilityDistance(NeatSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _c1 = settings.ExcessCoefficient;
        _c2 = settings.DisjointCoefficient;
        _c3 = settings.WeightCoefficient;
        _smallGenome = settings.SmallGenomeGeneCount;
        _canStopEarly = _c1 >= 0 && _c2 >= 0 && _c3 >= 0;
    }

    /// <summary>δ between <paramref name="x"/> and <paramref name="y"/>; symmetric, and 0 for identical genomes.</summary>
    public double Distance(NeatGenome x, NeatGenome y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Measure(x, y, double.PositiveInfinity);
    }

    /// <summary>
    /// Whether <c><see cref="Distance"/>(<paramref name="x"/>, <paramref name="y"/>) &lt; <paramref name="threshold"/></c>,
    /// exactly; stops walking the genes once the disjoint term alone reaches the threshold (the other terms are
    /// non-negative and floating-point addition of a non-negative term never decreases a sum).
    /// </summary>
    public bool IsWithin(NeatGenome x, NeatGenome y, double threshold)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Measure(x, y, _canStopEarly ? threshold : double.PositiveInfinity) < threshold;
    }

    // δ, or +∞ as soon as c2·D/N alone reaches stopAt.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Measure(NeatGenome x, NeatGenome y, double stopAt)
    {
        var a = x.Connections.AsSpan();
        var b = y.Connections.AsSpan();
        var larger = Math.Max(a.Length, b.Length);
        double n = larger < _smallGenome ? 1 : larger;
        int i = 0, j = 0, disjoint = 0, matching = 0;
        var weightDiff = 0.0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i].Innovation == b[j].Innovation)
            {
                weightDiff += Math.Abs(a[i].Weight - b[j].Weight);
                matching++;
                i++;
                j++;
                continue;
            }

            if (a[i].Innovation < b[j].Innovation)
            {
                i++;
            }
            else
            {
                j++;
            }

            disjoint++;
            if (_c2 * disjoint / n >= stopAt)
            {
                return double.PositiveInfinity;
            }
        }

        var excess = (a.Length - i) + (b.Length - j);
        var meanWeight = matching == 0 ? 0.0 : weightDiff / matching;
        return (_c1 * excess / n) + (_c2 * disjoint / n) + (_c3 * meanWeight);
    }
}
