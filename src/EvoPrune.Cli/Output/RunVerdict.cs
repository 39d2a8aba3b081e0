using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cli.Output;

/// <summary>
/// What a finished run means for the exit code. A run whose every evaluation failed did not complete anything, even
/// when the coordinator calls it Completed: the CLI reports it as failed with the most common cause.
/// </summary>
public static class RunVerdict
{
    /// <summary>Null when some evaluation succeeded (or none ran); otherwise one line naming the most common failure.</summary>
    public static async Task<string?> EveryEvaluationFailedAsync(RunStatus status, IRunStore? store)
    {
        ArgumentNullException.ThrowIfNull(status);
        var evaluations = status.History.Sum(h => h.Evaluations);
        if (evaluations == 0 || status.History.Any(h => h.Failures < h.Evaluations))
        {
            return null;
        }

        var causes = new List<string>();
        foreach (var generation in store == null ? [] : status.History.Select(h => h.Generation).Distinct())
        {
            causes.AddRange((await store!.LoadReportsAsync(status.RunId, generation)).Select(r => r.Failure).OfType<string>());
        }

        // Grouped by exception type (the text before the first ": "), since the details (epoch, step) differ per genome.
        var common = causes.GroupBy(c => c.Split(": ", 2)[0], StringComparer.Ordinal).OrderByDescending(g => g.Count()).FirstOrDefault();
        return common == null
            ? $"every one of the {evaluations} evaluations failed."
            : $"every one of the {evaluations} evaluations failed; most common cause ({common.Count()} of {causes.Count}): {common.First().Split('\n', 2)[0]}";
    }
}
