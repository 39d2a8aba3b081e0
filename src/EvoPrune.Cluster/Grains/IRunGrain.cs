using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Grains;

/// <summary>
/// The coordinator of one run (key: run id). A generation ends when the work queue hands over its last report: the
/// coordinator accepts the reports, checkpoints when the run's policy says so, and breeds and enqueues the next
/// generation in that same turn. A slow timer is only a safety net (a lost hand-over, a directory that lost the run);
/// a reminder keeps the run alive, and when (re)activated on any silo it continues from its last good checkpoint.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Starts a new run; fails if the run id is already in the store.</summary>
    Task<RunStatus> StartAsync(RunSpec spec);

    /// <summary>Continues a stopped or interrupted run from its last good checkpoint.</summary>
    Task<RunStatus> ResumeAsync();

    /// <summary>Where the run is; answered between the coordinator's awaits, even while it waits on a slow store.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<RunStatus> GetStatusAsync();

    /// <summary>
    /// Where the run is as soon as it has finished (completed, stopped or failed), or after <paramref name="wait"/> if it
    /// is still running then: followers (the CLI's progress, <c>--wait</c>, the bench) learn of the end the moment it
    /// comes instead of at their next poll. Answered between the coordinator's awaits, like <see cref="GetStatusAsync"/>.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<RunStatus> WaitUntilFinishedAsync(TimeSpan wait);

    [Orleans.Concurrency.AlwaysInterleave]
    Task<RunSpec?> GetSpecAsync();

    /// <summary>Stops after the current generation (checkpointing it); the run can be resumed later.</summary>
    Task<RunStatus> StopAsync();

    /// <summary>The work queue's hand-over of a complete generation. One-way: the queue never waits on the coordinator.</summary>
    [Orleans.Concurrency.OneWay]
    Task GenerationDoneAsync(GenerationDone done);
}
