using System.Diagnostics;

namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>Runs a task many times with consecutive seeds and reports the paper's statistics.</summary>
public static class NeatBenchmark
{
    /// <summary>
    /// <paramref name="runs"/> runs of <paramref name="task"/>, run r seeded <paramref name="seed"/> + r; runs execute
    /// concurrently (each is still deterministic).
    /// </summary>
    public static NeatBenchmarkResult Run(INeatTask task, NeatSettings settings, int runs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        var watch = Stopwatch.StartNew();
        var results = new NeatRunResult[runs];
        Parallel.For(0, runs, r => results[r] = new NeatAlgorithm(settings, task, seed + (ulong)r).Run());
        watch.Stop();
        var solved = results.Where(r => r.Solved).ToList();
        var evaluations = solved.Select(r => (double)r.Evaluations).ToList();
        var hidden = solved.Select(r => (double)r.Champion.HiddenCount).ToList();
        return new NeatBenchmarkResult(
            runs,
            solved.Count,
            Mean(solved.Select(r => (double)r.Generations).ToList()),
            Mean(evaluations),
            Std(evaluations),
            solved.Count == 0 ? 0 : solved.Max(r => r.Evaluations),
            Mean(hidden),
            Std(hidden),
            Mean(solved.Select(r => (double)r.Champion.EnabledConnectionCount).ToList()),
            watch.Elapsed.TotalSeconds)
        {
            Solutions = [.. solved.Select(r => r.Champion)],
            TotalEvaluations = results.Sum(r => r.Evaluations),
            Results = results,
        };
    }

    private static double Mean(List<double> values) => values.Count == 0 ? double.NaN : values.Average();

    private static double Std(List<double> values)
    {
        if (values.Count < 2)
        {
            return 0.0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
