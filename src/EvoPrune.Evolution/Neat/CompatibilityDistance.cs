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

    /// <summary>A distance with the coefficients of <paramref name="settings"/>.</summary>
    public CompatibilityDistance(NeatSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _c1 = settings.ExcessCoefficient;
        _c2 = settings.DisjointCoefficient;
        _c3 = settings.WeightCoefficient;
        _smallGenome = settings.SmallGenomeGeneCount;
    }

    /// <summary>δ between <paramref name="x"/> and <paramref name="y"/>; symmetric, and 0 for identical genomes.</summary>
    public double Distance(NeatGenome x, NeatGenome y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var a = x.Connections;
        var b = y.Connections;
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
            }
            else if (a[i].Innovation < b[j].Innovation)
            {
                disjoint++;
                i++;
            }
            else
            {
                disjoint++;
                j++;
            }
        }

        var excess = (a.Length - i) + (b.Length - j);
        var larger = Math.Max(a.Length, b.Length);
        double n = larger < _smallGenome ? 1 : larger;
        var meanWeight = matching == 0 ? 0.0 : weightDiff / matching;
        return (_c1 * excess / n) + (_c2 * disjoint / n) + (_c3 * meanWeight);
    }
}
