namespace EvoPrune.Cluster.Grains;

/// <summary>
/// Which runs have work (key: <see cref="Key"/>). Coordinators re-register on every tick, so the directory heals
/// itself after the silo holding it dies.
/// </summary>
public interface IRunDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "runs";

    Task SetActiveAsync(string runId, bool active);

    Task<IReadOnlyList<string>> GetActiveRunsAsync();
}
