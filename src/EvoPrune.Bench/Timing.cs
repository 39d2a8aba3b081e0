using System.Diagnostics;

namespace EvoPrune.Bench;

/// <summary>Plain stopwatch timing: a warm-up run, then the median of the repeats.</summary>
internal static class Timing
{
    /// <summary>The median of <paramref name="repeats"/> timed runs of <paramref name="action"/>, in seconds, after one untimed warm-up.</summary>
    public static double MedianSeconds(int repeats, Action action, bool warmUp = true)
    {
        if (warmUp)
        {
            action();
        }

        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }

        return Median(times);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
