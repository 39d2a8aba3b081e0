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

    /// <summary>
    /// Runs untimed rounds until the JIT has settled: at least <paramref name="minimum"/>, then until three rounds in a
    /// row each compile fewer than <see cref="SettledMethods"/> methods, or <paramref name="maximum"/> has passed (one
    /// quiet round alone also came while thousands of methods were still to be compiled). Tiered compilation
    /// promotes a method to optimised code only after it has been called 30 times and no new code has been compiled for
    /// a moment, so a process as large as a silo with its store keeps compiling for seconds of runs (measured for item
    /// 8: about 21,000 methods and 8 s of compilation over the first 18 s); timed before then, a run shares the machine
    /// with the compiler. Returns the rounds run and whether the JIT settled.
    /// </summary>
    public static async Task<(int Rounds, bool Settled)> WarmUpAsync(Func<int, Task> round, TimeSpan minimum, TimeSpan maximum)
    {
        ArgumentNullException.ThrowIfNull(round);
        var clock = Stopwatch.StartNew();
        for (int r = 0, quiet = 0; ; r++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await round(r);
            quiet = System.Runtime.JitInfo.GetCompiledMethodCount() - before < SettledMethods ? quiet + 1 : 0;
            if ((quiet >= 3 && clock.Elapsed >= minimum) || clock.Elapsed >= maximum)
            {
                return (r + 1, quiet >= 3);
            }
        }
    }

    /// <summary>A warm-up round that compiles fewer methods than this finds the JIT settled.</summary>
    public const int SettledMethods = 25;

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
