using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Selections;

/// <summary>Fitness-proportional weights and sampling from them (roulette wheel and SUS).</summary>
internal static class ProportionalWeights
{
    /// <summary>
    /// Non-negative weights proportional to the oriented fitness. Scores are shifted up by the lowest one only when it
    /// is negative, so positive fitness keeps its exact proportions. Failed fitness weighs 0; +∞ takes all the weight;
    /// when every weight is 0 (all equal at the bottom, or all failed) the valid individuals, or all if none is
    /// valid, weigh the same.
    /// </summary>
    public static double[] Compute(IReadOnlyList<FitnessInfo> fitness, FitnessComparer comparer)
    {
        var n = fitness.Count;
        var scores = new double[n];
        var min = double.PositiveInfinity;
        var anyInfinite = false;
        for (var i = 0; i < n; i++)
        {
            var s = comparer.OrientedScore(fitness[i]);

            // -∞ is as bad as a failure: it cannot take part in a shift.
            scores[i] = double.IsNegativeInfinity(s) ? double.NaN : s;
            anyInfinite |= double.IsPositiveInfinity(s);
            if (double.IsFinite(s))
            {
                min = Math.Min(min, s);
            }
        }

        var weights = new double[n];
        var offset = Math.Min(0.0, min);
        var max = 0.0;
        for (var i = 0; i < n; i++)
        {
            var s = scores[i];
            weights[i] = double.IsNaN(s) ? 0.0
                : anyInfinite ? (double.IsPositiveInfinity(s) ? 1.0 : 0.0)

                // Halves keep s - offset finite even when the two are ±1e308.
                : (s / 2) - (offset / 2);
            max = Math.Max(max, weights[i]);
        }

        if (max == 0.0)
        {
            var anyValid = scores.Any(s => !double.IsNaN(s));
            for (var i = 0; i < n; i++)
            {
                weights[i] = !anyValid || !double.IsNaN(scores[i]) ? 1.0 : 0.0;
            }

            return weights;
        }

        // Normalising by the largest weight keeps the running total finite.
        for (var i = 0; i < n; i++)
        {
            weights[i] /= max;
        }

        return weights;
    }

    /// <summary>Running totals of <paramref name="weights"/>.</summary>
    public static double[] Cumulative(double[] weights)
    {
        var cumulative = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            cumulative[i] = total;
        }

        return cumulative;
    }

    /// <summary>The index whose slice of the wheel holds <paramref name="target"/> (in [0, total)).</summary>
    public static int Find(double[] cumulative, double target)
    {
        // First index whose running total exceeds the target: zero-weight slices have no width, so they never match.
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        // Rounding can put the target on the very end of the wheel; step back to the last slice with width.
        while (lo > 0 && cumulative[lo] == cumulative[lo - 1])
        {
            lo--;
        }

        return lo;
    }

    /// <summary>One roulette spin over <paramref name="cumulative"/>.</summary>
    public static int Spin(double[] cumulative, IRandomSource random) =>
        Find(cumulative, random.NextDouble() * cumulative[^1]);
}
