namespace EvoPrune.Cluster.Grains;

/// <inheritdoc cref="IRunDirectoryGrain" />
public sealed class RunDirectoryGrain : Grain, IRunDirectoryGrain
{
    private readonly SortedSet<string> _active = new(StringComparer.Ordinal);

    public Task SetActiveAsync(string runId, bool active)
    {
        if (active)
        {
            _active.Add(runId);
        }
        else
        {
            _active.Remove(runId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetActiveRunsAsync() => Task.FromResult<IReadOnlyList<string>>(_active.ToArray());
}
