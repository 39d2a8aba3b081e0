using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Grains;

/// <summary>
/// The coordinator of one run (key: run id). It drives generations on a grain timer, keeps itself alive with a
/// reminder, checkpoints after every generation and, when (re)activated on any silo, continues from its last good
/// checkpoint.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Starts a new run; fails if the run id is already in the store.</summary>
    Task<RunStatus> StartAsync(RunSpec spec);

    /// <summary>Continues a stopped or interrupted run from its last good checkpoint.</summary>
    Task<RunStatus> ResumeAsync();

    Task<RunStatus> GetStatusAsync();

    Task<RunSpec?> GetSpecAsync();

    /// <summary>Stops after the current generation's checkpoint; the run can be resumed later.</summary>
    Task<RunStatus> StopAsync();

    /// <summary>
    /// The work queue's nudge that the generation's last item has its report: collect and breed now rather than at
    /// the next tick. One-way (the queue never waits on the coordinator); a lost nudge only costs the tick.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task WakeAsync();
}
