using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Data.Splitting;

/// <summary>
/// Deterministic stratified splitting and subsampling. The hold-out size is apportioned to classes by
/// largest remainder (so each class keeps its share to within one sample and the total is exact), then each
/// class's indices are shuffled with the given stream, classes in index order. Index lists come back sorted,
/// so subsets keep the file order. The same labels and the same stream always give the same split.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>The hold-out size for <paramref name="fraction"/> of <paramref name="total"/>, rounded to nearest.</summary>
    public static int HeldOutCount(int total, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (!(fraction >= 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A split fraction must be in [0, 1).");
        }

        return (int)Math.Round(total * fraction, MidpointRounding.AwayFromZero);
    }

    /// <summary>Splits indices 0..N-1 into kept and held-out lists, <paramref name="heldOutCount"/> held out.</summary>
    public static (int[] Kept, int[] HeldOut) Indices(IReadOnlyList<int> labels, int classCount, int heldOutCount, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        ArgumentOutOfRangeException.ThrowIfNegative(heldOutCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(heldOutCount, labels.Count);

        var byClass = new List<int>[classCount];
        for (var k = 0; k < classCount; k++)
        {
            byClass[k] = [];
        }

        for (var i = 0; i < labels.Count; i++)
        {
            byClass[labels[i]].Add(i);
        }

        var quota = Apportion(byClass.Select(c => c.Count).ToArray(), heldOutCount);
        var kept = new List<int>(labels.Count - heldOutCount);
        var heldOut = new List<int>(heldOutCount);
        for (var k = 0; k < classCount; k++)
        {
            var members = byClass[k];
            random.Shuffle(members);
            heldOut.AddRange(members.Take(quota[k]));
            kept.AddRange(members.Skip(quota[k]));
        }

        var keptArray = kept.ToArray();
        var heldOutArray = heldOut.ToArray();
        Array.Sort(keptArray);
        Array.Sort(heldOutArray);
        return (keptArray, heldOutArray);
    }

    /// <summary>Splits <paramref name="data"/>, holding out <paramref name="fraction"/> of it, stratified by label.</summary>
    public static (LabeledData Kept, LabeledData HeldOut) Split(LabeledData data, double fraction, IRandomSource random, string keptName, string heldOutName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (kept, heldOut) = Indices(data.Labels, data.ClassCount, HeldOutCount(data.Count, fraction), random);
        return (data.Subset(kept, keptName), data.Subset(heldOut, heldOutName));
    }

    /// <summary>A stratified sample of <paramref name="count"/> samples; the set itself if it has no more.</summary>
    public static LabeledData Subsample(LabeledData data, int count, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count >= data.Count ? data : data.Subset(Indices(data.Labels, data.ClassCount, count, random).HeldOut);
    }

    /// <summary>Largest-remainder apportionment of <paramref name="total"/> over classes of the given sizes.</summary>
    internal static int[] Apportion(int[] sizes, int total)
    {
        var n = sizes.Sum();
        var quota = new int[sizes.Length];
        if (n == 0)
        {
            return quota;
        }

        var remainders = new (double Remainder, int Class)[sizes.Length];
        var assigned = 0;
        for (var k = 0; k < sizes.Length; k++)
        {
            var exact = (double)sizes[k] * total / n;
            quota[k] = Math.Min(sizes[k], (int)Math.Floor(exact));
            assigned += quota[k];
            remainders[k] = (exact - quota[k], k);
        }

        // Largest remainder first; ties go to the lower class index, so the result is deterministic.
        foreach (var (_, k) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Class))
        {
            if (assigned == total)
            {
                break;
            }

            if (quota[k] < sizes[k])
            {
                quota[k]++;
                assigned++;
            }
        }

        return quota;
    }
}
