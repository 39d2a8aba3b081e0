namespace EvoPrune.Evolution.Neat;

/// <summary>Splits a population size between species in proportion to their shares (largest remainder method).</summary>
internal static class OffspringAllocation
{
    /// <summary>
    /// Offspring per share; the counts sum to <paramref name="total"/>. Fractions are handed out largest first,
    /// ties to the lower index, so the split is deterministic. All-zero shares split evenly.
    /// </summary>
    public static int[] Allocate(IReadOnlyList<double> shares, int total)
    {
        var counts = new int[shares.Count];
        if (shares.Count == 0)
        {
            return counts;
        }

        var sum = 0.0;
        for (var i = 0; i < shares.Count; i++)
        {
            sum += Math.Max(0.0, shares[i]);
        }

        var quotas = new double[shares.Count];
        var assigned = 0;
        for (var i = 0; i < quotas.Length; i++)
        {
            quotas[i] = sum > 0 ? total * Math.Max(0.0, shares[i]) / sum : (double)total / shares.Count;
            counts[i] = (int)Math.Floor(quotas[i]);
            assigned += counts[i];
        }

        // Largest remainder first, the lower index among equals (a total order, so any sort gives it).
        var byRemainder = new int[quotas.Length];
        for (var i = 0; i < byRemainder.Length; i++)
        {
            byRemainder[i] = i;
        }

        Array.Sort(byRemainder, (x, y) =>
        {
            var byFraction = (quotas[y] - counts[y]).CompareTo(quotas[x] - counts[x]);
            return byFraction != 0 ? byFraction : x.CompareTo(y);
        });
        for (var k = 0; assigned < total; k = (k + 1) % byRemainder.Length)
        {
            counts[byRemainder[k]]++;
            assigned++;
        }

        return counts;
    }
}
