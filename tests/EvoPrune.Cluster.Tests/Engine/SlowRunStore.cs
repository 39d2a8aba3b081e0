using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cluster.Tests.Engine;

/// <summary>
/// A run store whose writes for one run (<see cref="SlowRun"/>) take <see cref="Delay"/> each, as a distant or
/// overloaded database would; every other run's calls pass straight to the file store.
/// </summary>
public sealed class SlowRunStore(IRunStore inner) : IRunStore
{
    public static string SlowRun { get; set; } = "slow";

    public static TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(2);

    public string Describe(string runId) => inner.Describe(runId);

    public Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken = default) => inner.ExistsAsync(runId, cancellationToken);

    public Task<IReadOnlyList<string>> ListRunsAsync(CancellationToken cancellationToken = default) => inner.ListRunsAsync(cancellationToken);

    public Task<RunRecord?> LoadRecordAsync(string runId, CancellationToken cancellationToken = default) => inner.LoadRecordAsync(runId, cancellationToken);

    public async Task SaveRecordAsync(RunRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await SlowDown(record.Spec.RunId, cancellationToken);
        await inner.SaveRecordAsync(record, cancellationToken);
    }

    public async Task SaveCheckpointAsync(Checkpoint checkpoint, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await SlowDown(checkpoint.RunId, cancellationToken);
        await inner.SaveCheckpointAsync(checkpoint, keep, cancellationToken);
    }

    public Task<Checkpoint?> LoadLatestCheckpointAsync(string runId, Action<string> warn, CancellationToken cancellationToken = default) =>
        inner.LoadLatestCheckpointAsync(runId, warn, cancellationToken);

    public async Task AppendReportsAsync(string runId, int generation, IReadOnlyList<FitnessReport> reports, CancellationToken cancellationToken = default)
    {
        await SlowDown(runId, cancellationToken);
        await inner.AppendReportsAsync(runId, generation, reports, cancellationToken);
    }

    public Task<IReadOnlyList<FitnessReport>> LoadReportsAsync(string runId, int generation, Action<string>? warn = null, CancellationToken cancellationToken = default) =>
        inner.LoadReportsAsync(runId, generation, warn, cancellationToken);

    public Task<string> SaveResultAsync(string runId, string name, string content, CancellationToken cancellationToken = default) =>
        inner.SaveResultAsync(runId, name, content, cancellationToken);

    private static Task SlowDown(string runId, CancellationToken cancellationToken) =>
        runId == SlowRun ? Task.Delay(Delay, cancellationToken) : Task.CompletedTask;
}
