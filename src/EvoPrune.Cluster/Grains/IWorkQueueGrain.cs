using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Grains;

/// <summary>
/// The evaluation work of one run's current generation (key: run id). Workers on every silo lease items, renew
/// their leases while they evaluate, and complete them; a lease that is not renewed expires and the item goes to
/// the next worker that asks. Completed reports are also appended to the run store, so a lost queue only loses
/// unfinished work.
/// </summary>
public interface IWorkQueueGrain : IGrainWithStringKey
{
    Task OpenGenerationAsync(int generation, IReadOnlyList<WorkItem> items, TimeSpan leaseDuration, int maxAttempts);

    Task<IReadOnlyList<WorkItem>> LeaseAsync(string worker, int max);

    /// <summary>Extends the worker's lease on a genome; false if the lease was lost (expired and handed on).</summary>
    Task<bool> RenewAsync(string worker, int generation, string genomeId);

    Task CompleteAsync(string worker, int generation, FitnessReport report);

    Task<QueueProgress> GetProgressAsync();

    Task<IReadOnlyList<FitnessReport>> GetReportsAsync(int generation);

    Task CloseAsync();
}
