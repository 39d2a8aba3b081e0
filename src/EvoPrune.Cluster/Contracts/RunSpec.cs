namespace EvoPrune.Cluster.Contracts;

/// <summary>
/// Everything a run needs, fixed when it is submitted: which genome kind (and so which strategy and evaluator),
/// the seed every random draw derives from, sizes, and the kind's own settings as JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("evoprune.run-spec")]
public sealed record RunSpec(
    [property: Id(0)] string RunId,
    [property: Id(1)] string Kind,
    [property: Id(2)] ulong Seed,
    [property: Id(3)] int Generations,
    [property: Id(4)] int PopulationSize,
    [property: Id(5)] IReadOnlyList<string> Populations,
    [property: Id(6)] string SettingsJson,
    [property: Id(7)] string Source)
{
    /// <summary>Checkpoints kept per run (older ones are deleted once a newer one is written).</summary>
    [Id(8)]
    public int KeepCheckpoints { get; init; } = 5;

    /// <summary>How long a leased work item may go without renewal before another silo gets it.</summary>
    [Id(9)]
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts per work item before its genome is given the worst fitness.</summary>
    [Id(10)]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// The most work items one lease may hold; 0 (the default) leaves the size to the work queue, which sizes leases from
    /// the measured evaluation time (tens of milliseconds of work each, a whole generation when that is fastest).
    /// </summary>
    [Id(11)]
    public int LeaseBatch { get; init; }

    /// <summary>Whether the run completes after the first generation in which a genome reports <c>solved</c> (NEAT tasks).</summary>
    [Id(12)]
    public bool StopWhenSolved { get; init; } = true;

    /// <summary>Checkpoint at least every this many generations (0: no generation rule).</summary>
    [Id(13)]
    public int CheckpointEveryGenerations { get; init; }

    /// <summary>
    /// Checkpoint once this many seconds have passed since the last checkpoint (0: no time rule). With both rules 0
    /// every generation is checkpointed. The default keeps fast kinds fast and checkpoints every generation of a kind
    /// whose generations take longer than this; generations after the last checkpoint are replayed exactly on resume
    /// (their reports are stored as they arrive, so nothing is evaluated twice).
    /// </summary>
    [Id(14)]
    public double CheckpointEverySeconds { get; init; } = DefaultCheckpointSeconds;

    /// <summary>The default of <see cref="CheckpointEverySeconds"/>.</summary>
    public const double DefaultCheckpointSeconds = 5;
}
