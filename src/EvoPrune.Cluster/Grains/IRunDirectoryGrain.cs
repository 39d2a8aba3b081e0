namespace EvoPrune.Cluster.Grains;

/// <summary>
/// Which runs have work (key: <see cref="Key"/>), and who to tell when one does: every silo's workers subscribe, and a
/// coordinator that opens a generation no worker was waiting for announces it, so work is pushed to idle workers
/// instead of being polled for.
/// Coordinators re-register on their safety-net timer, so the directory heals itself after the silo holding it dies;
/// workers re-subscribe on theirs.
/// </summary>
public interface IRunDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "runs";

    Task SetActiveAsync(string runId, bool active);

    Task<IReadOnlyList<string>> GetActiveRunsAsync();

    /// <summary>Marks the run active and tells every subscribed silo (one-way) that it has work.</summary>
    Task AnnounceWorkAsync(string runId);

    /// <summary>Subscribes (or keeps subscribed) a silo's workers; subscriptions not renewed within a minute lapse.</summary>
    Task SubscribeAsync(IWorkObserver observer);

    Task UnsubscribeAsync(IWorkObserver observer);
}
