using EvoPrune.Ensembles.Pool;

namespace EvoPrune.Ensembles.Fusion;

/// <summary>
/// Combines cached member outputs (<see cref="SplitPredictions"/>) into ensemble labels. Pure functions over arrays:
/// no model is run. Tie-breaking is documented on <see cref="FusionRule"/>.
/// </summary>
public static class EnsembleFusion
{
    /// <summary>Fused labels of <paramref name="members"/> on <paramref name="split"/>.</summary>
    /// <param name="split">Cached outputs.</param>
    /// <param name="members">Member indices (non-empty; see <see cref="SubsetRepair"/>).</param>
    /// <param name="rule">Vote or average.</param>
    /// <param name="weights">Per-member weights for the average, indexed by member (null = uniform).</param>
    public static int[] Predict(SplitPredictions split, IReadOnlyList<int> members, FusionRule rule, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("An ensemble needs at least one member; repair empty selections first.", nameof(members));
        }

        return rule == FusionRule.MajorityVote ? Vote(split, members) : Average(split, members, weights);
    }

    /// <summary>Accuracy of the fused labels on <paramref name="split"/>.</summary>
    public static double Accuracy(SplitPredictions split, IReadOnlyList<int> members, FusionRule rule, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        return split.Accuracy(Predict(split, members, rule, weights));
    }

    private static int[] Vote(SplitPredictions split, IReadOnlyList<int> members)
    {
        var k = split.ClassCount;
        var result = new int[split.Count];
        var votes = new int[k];
        var mass = new double[k];
        for (var i = 0; i < split.Count; i++)
        {
            Array.Clear(votes);
            Array.Clear(mass);
            foreach (var m in members)
            {
                votes[split.Predictions[m][i]]++;
                var row = split.Probabilities[m].AsSpan(i * k, k);
                for (var c = 0; c < k; c++)
                {
                    mass[c] += row[c];
                }
            }

            var best = 0;
            for (var c = 1; c < k; c++)
            {
                if (votes[c] > votes[best] || (votes[c] == votes[best] && mass[c] > mass[best]))
                {
                    best = c;
                }
            }

            result[i] = best;
        }

        return result;
    }

    private static int[] Average(SplitPredictions split, IReadOnlyList<int> members, IReadOnlyList<double>? weights)
    {
        var k = split.ClassCount;
        var result = new int[split.Count];
        var mean = new double[k];
        for (var i = 0; i < split.Count; i++)
        {
            Array.Clear(mean);
            foreach (var m in members)
            {
                var w = weights?[m] ?? 1.0;
                var row = split.Probabilities[m].AsSpan(i * k, k);
                for (var c = 0; c < k; c++)
                {
                    mean[c] += w * row[c];
                }
            }

            var best = 0;
            for (var c = 1; c < k; c++)
            {
                if (mean[c] > mean[best])
                {
                    best = c;
                }
            }

            result[i] = best;
        }

        return result;
    }
}
