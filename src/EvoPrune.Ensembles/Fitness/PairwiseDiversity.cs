using EvoPrune.Ensembles.Pool;

namespace EvoPrune.Ensembles.Fitness;

/// <summary>
/// Mean pairwise diversity of a set of members, computed from whether each member labels each sample correctly
/// (the oracle outputs). A set with fewer than two members has diversity 0.
/// </summary>
public static class PairwiseDiversity
{
    /// <summary>The mean of <paramref name="measure"/> over all unordered pairs of <paramref name="members"/>.</summary>
    public static double Mean(SplitPredictions split, IReadOnlyList<int> members, DiversityMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count < 2 || split.Count == 0)
        {
            return 0;
        }

        var sum = 0.0;
        var pairs = 0;
        for (var a = 0; a < members.Count; a++)
        {
            for (var b = a + 1; b < members.Count; b++)
            {
                sum += Pair(split, members[a], members[b], measure);
                pairs++;
            }
        }

        return sum / pairs;
    }

    /// <summary>The measure for one pair of members, in [0, 1], larger = more diverse.</summary>
    public static double Pair(SplitPredictions split, int first, int second, DiversityMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(split);
        int n11 = 0, n00 = 0, n10 = 0, n01 = 0;
        var p = split.Predictions[first];
        var q = split.Predictions[second];
        for (var i = 0; i < split.Count; i++)
        {
            var a = p[i] == split.Labels[i];
            var b = q[i] == split.Labels[i];
            if (a && b)
            {
                n11++;
            }
            else if (!a && !b)
            {
                n00++;
            }
            else if (a)
            {
                n10++;
            }
            else
            {
                n01++;
            }
        }

        double total = split.Count;
        return measure switch
        {
            DiversityMeasure.Disagreement => (n10 + n01) / total,
            DiversityMeasure.DoubleFault => 1 - (n00 / total),
            _ => (1 - YuleQ(n11, n00, n10, n01)) / 2,
        };
    }

    // Q is undefined when N11*N00 + N10*N01 = 0. Members that never disagree count as identical (Q = 1); otherwise
    // (one member always right or always wrong where they differ) the pair counts as independent (Q = 0).
    private static double YuleQ(int n11, int n00, int n10, int n01)
    {
        var same = (double)n11 * n00;
        var differ = (double)n10 * n01;
        if (same + differ == 0)
        {
            return n10 + n01 == 0 ? 1 : 0;
        }

        return (same - differ) / (same + differ);
    }
}
