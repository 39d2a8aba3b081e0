using EvoPrune.Ensembles.Pool;

namespace EvoPrune.Ensembles.Fusion;

/// <summary>Keeps selections non-empty: an all-zero vector becomes the single best-on-selection member.</summary>
public static class SubsetRepair
{
    /// <summary>
    /// The indices of the set bits of <paramref name="mask"/>, or [<see cref="PoolPredictions.BestMember"/>] when none
    /// is set. The mask itself is never changed.
    /// </summary>
    public static int[] Members(IReadOnlyList<bool> mask, PoolPredictions pool)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(pool);
        if (mask.Count != pool.Size)
        {
            throw new ArgumentException($"The mask has {mask.Count} bits but the pool has {pool.Size} members.", nameof(mask));
        }

        var members = new List<int>();
        for (var m = 0; m < mask.Count; m++)
        {
            if (mask[m])
            {
                members.Add(m);
            }
        }

        return members.Count > 0 ? [.. members] : [pool.BestMember];
    }

    /// <summary>A copy of <paramref name="mask"/> with the best member set if it had no bit set.</summary>
    public static bool[] Repair(IReadOnlyList<bool> mask, PoolPredictions pool)
    {
        var repaired = new bool[pool?.Size ?? 0];
        foreach (var m in Members(mask, pool!))
        {
            repaired[m] = true;
        }

        return repaired;
    }
}
