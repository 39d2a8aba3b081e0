namespace EvoPrune.Cli.Configuration;

/// <summary>The <c>run:</c> section: which genome kind evolves, for how long, and its <c>search:</c> settings as JSON.</summary>
public sealed record RunSection(
    string? Id,
    string Kind,
    int Generations,
    int Population,
    IReadOnlyList<string> Populations,
    int KeepCheckpoints,
    TimeSpan Lease,
    string SettingsJson,
    int LeaseBatch,
    bool StopWhenSolved = true,
    int CheckpointEveryGenerations = 0,
    double CheckpointEverySeconds = Cluster.Contracts.RunSpec.DefaultCheckpointSeconds)
{
    /// <summary>Line and column of <c>run.kind</c> (of the run section when absent): where the kind's own checks are reported.</summary>
    public (long Line, long Column) KindAt { get; init; }
}
