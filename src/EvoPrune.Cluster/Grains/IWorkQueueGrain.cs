using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Grains;

/// <summary>
/// The evaluation work of one run's current generation (key: run id). Workers on every silo lease items, renew
/// their leases while they evaluate, and complete them; a lease that is not renewed expires and its items go to the
/// next worker that asks. The queue sizes leases from the measured evaluation time. Completed reports are appended
/// to the run store behind the generation (coalesced writes), so a lost queue loses at most the write in flight; when the
/// generation's last report is in, the queue hands all reports to the coordinator at once. A worker with nothing to do
/// waits inside its lease call, so the next generation reaches it in the turn that opens it.
/// </summary>
public interface IWorkQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens <paramref name="generation"/> and hands its work at once to the workers waiting in <see cref="LeaseAsync"/>.
    /// With <paramref name="replay"/> the run store is asked first for reports of this generation written before a crash,
    /// and those genomes count as done. Returns how many waiting workers got work: none means the coordinator announces
    /// the generation to the silos.
    /// </summary>
    Task<int> OpenGenerationAsync(int generation, IReadOnlyList<WorkItem> items, QueueSettings settings, bool replay);

    /// <summary>
    /// Leases work to <paramref name="worker"/>: at least <paramref name="preferred"/> items where that many are open
    /// (a batch evaluator's batch), at most <paramref name="max"/>. When nothing is open the call waits up to
    /// <paramref name="wait"/> for the next generation (interleaved: a waiting worker blocks nobody) and then answers
    /// <see cref="WorkLease.None"/>.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<WorkLease> LeaseAsync(string worker, int preferred, int max, TimeSpan wait);

    /// <summary>Ends <paramref name="worker"/>'s wait in <see cref="LeaseAsync"/> now (it has work elsewhere).</summary>
    Task StopWaitingAsync(string worker);

    /// <summary>Extends a lease; false if it was lost (expired and handed on, or the generation moved on).</summary>
    Task<bool> RenewAsync(string worker, long leaseId);

    /// <summary>
    /// Completes a lease with one report per item it finished (items it did not finish go back to the queue at once);
    /// <paramref name="seconds"/> is the wall time the worker spent on them.
    /// </summary>
    Task CompleteAsync(string worker, long leaseId, int generation, IReadOnlyList<FitnessReport> reports, double seconds);

    /// <summary>Gives a lease's items back unfinished (a silo shutting down), so another worker takes them at once.</summary>
    Task ReleaseAsync(string worker, long leaseId);

    /// <summary>How far the generation is; answered from memory even while the queue awaits a slow store.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<QueueProgress> GetProgressAsync();

    /// <summary>
    /// The complete generation's reports (the coordinator's safety net if the hand-over message was lost); null when the
    /// queue does not hold that generation complete (it moved on, or was reactivated empty).
    /// </summary>
    Task<GenerationDone?> GetReportsAsync(int generation);

    Task CloseAsync();
}
