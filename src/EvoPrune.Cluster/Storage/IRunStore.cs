using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Storage;

/// <summary>Where runs live between generations: their record, checkpoints, completed reports and results.</summary>
public interface IRunStore
{
    /// <summary>A folder or URI a person can look at for the run's files.</summary>
    string Describe(string runId);

    bool Exists(string runId);

    IReadOnlyList<string> ListRuns();

    RunRecord? LoadRecord(string runId);

    void SaveRecord(RunRecord record);

    /// <summary>Writes the checkpoint atomically and deletes all but the newest <paramref name="keep"/>.</summary>
    void SaveCheckpoint(Checkpoint checkpoint, int keep);

    /// <summary>The newest checkpoint that reads back intact; damaged newer ones are reported through <paramref name="warn"/>.</summary>
    Checkpoint? LoadLatestCheckpoint(string runId, Action<string> warn);

    void AppendReport(string runId, int generation, FitnessReport report);

    IReadOnlyList<FitnessReport> LoadReports(string runId, int generation);

    /// <summary>Writes a named result file (results.json, best genome, ...) and returns its path.</summary>
    string SaveResult(string runId, string name, string content);
}
