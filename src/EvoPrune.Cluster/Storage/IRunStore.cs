using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// Where runs live between generations: their record, checkpoints, completed reports and results. Every operation is
/// asynchronous, so grains and workers await storage instead of blocking Orleans' scheduler threads; a store that
/// retries (a PostgreSQL restart) awaits its back-off.
/// </summary>
public interface IRunStore
{
    /// <summary>A folder or URI a person can look at for the run's files.</summary>
    string Describe(string runId);

    Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListRunsAsync(CancellationToken cancellationToken = default);

    Task<RunRecord?> LoadRecordAsync(string runId, CancellationToken cancellationToken = default);

    Task SaveRecordAsync(RunRecord record, CancellationToken cancellationToken = default);

    /// <summary>Writes the checkpoint atomically and deletes all but the newest <paramref name="keep"/>.</summary>
    Task SaveCheckpointAsync(Checkpoint checkpoint, int keep, CancellationToken cancellationToken = default);

    /// <summary>The newest checkpoint that reads back intact; damaged newer ones are reported through <paramref name="warn"/>.</summary>
    Task<Checkpoint?> LoadLatestCheckpointAsync(string runId, Action<string> warn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the reports of one lease (or one short interval) in a single write: a report is durable once this
    /// returns. Reports already stored for a genome of the generation are kept (the first one stands).
    /// </summary>
    Task AppendReportsAsync(string runId, int generation, IReadOnlyList<FitnessReport> reports, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the reports of several generations, as <see cref="AppendReportsAsync(string, int, IReadOnlyList{FitnessReport}, CancellationToken)"/>
    /// does for each; a store that can should write them in one go (one transaction), so a queue whose generations
    /// take less than a write never falls behind.
    /// </summary>
    async Task AppendReportsAsync(string runId, IReadOnlyList<ReportBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var batch in batches)
        {
            await AppendReportsAsync(runId, batch.Generation, batch.Reports, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The stored reports of a generation; records damaged by a crash mid-write are reported through <paramref name="warn"/> and skipped.</summary>
    Task<IReadOnlyList<FitnessReport>> LoadReportsAsync(string runId, int generation, Action<string>? warn = null, CancellationToken cancellationToken = default);

    /// <summary>Writes a named result file (results.json, best genome, ...) and returns its path.</summary>
    Task<string> SaveResultAsync(string runId, string name, string content, CancellationToken cancellationToken = default);
}
