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

        var sum = shares.Sum(s => Math.Max(0.0, s));
        var quotas = shares.Select(s => sum > 0 ? total * Math.Max(0.0, s) / sum : (double)total / shares.Count).ToArray();
        var assigned = 0;
        for (var i = 0; i < quotas.Length; i++)
        {
            counts[i] = (int)Math.Floor(quotas[i]);
            assigned += counts[i];
        }

        var byRemainder = Enumerable.Range(0, quotas.Length)
            .OrderByDescending(i => quotas[i] - counts[i])
            .ThenBy(i => i)
            .ToArray();
        for (var k = 0; assigned < total; k = (k + 1) % byRemainder.Length)
        {
            counts[byRemainder[k]]++;
            assigned++;
        }

        return counts;
    }
}
