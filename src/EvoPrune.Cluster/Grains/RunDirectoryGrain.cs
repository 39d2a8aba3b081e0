using EvoPrune.Cluster.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Utilities;

namespace EvoPrune.Cluster.Grains;

/// <summary>
/// <inheritdoc cref="IRunDirectoryGrain" /> The list is persisted through the <c>evoprune</c>
/// provider (PostgreSQL with a <c>postgres://</c> store, in memory otherwise), written only when it changes. A write that
/// fails is logged and retried on a timer and on the next call. When the stored row changed underneath (a write that
/// reached the database although its reply was lost, or a second activation during a membership change), this
/// activation's own changes since its last successful write are applied to the stored list, never its whole list: a
/// stale activation cannot bring back a run another one removed. Coordinators re-register on their timer, so a run
/// that is still going is never lost for long. Subscriptions live in memory only: workers renew theirs on their own timer.
/// </summary>
public sealed partial class RunDirectoryGrain(
    [PersistentState("directory", GrainStorageNames.EvoPrune)] IPersistentState<RunDirectoryState> state,
    ILogger<RunDirectoryGrain> logger) : Grain, IRunDirectoryGrain
{
    private readonly ObserverManager<IWorkObserver> _observers = new(TimeSpan.FromMinutes(1), logger);

    // This activation's changes not yet written: the delta applied to the stored list on a conflicting write.
    private readonly HashSet<string> _added = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private IGrainTimer? _retry;

    private bool Unsaved => _added.Count > 0 || _removed.Count > 0;

    public async Task AnnounceWorkAsync(string runId)
    {
        await SetActiveAsync(runId, true);
        // One-way calls: this returns as soon as the messages are sent; observers that fail are dropped.
        await _observers.Notify(o => o.WorkAvailableAsync(runId));
    }

    public Task SubscribeAsync(IWorkObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IWorkObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task SetActiveAsync(string runId, bool active)
    {
        var list = state.State.Active;
        var at = list.BinarySearch(runId, StringComparer.Ordinal);
        if (active && at < 0)
        {
            list.Insert(~at, runId);
            _removed.Remove(runId);
            _added.Add(runId);
        }
        else if (!active && at >= 0)
        {
            list.RemoveAt(at);
            _added.Remove(runId);
            _removed.Add(runId);
        }

        if (Unsaved)
        {
            await SaveAsync();
        }
    }

    public Task<IReadOnlyList<string>> GetActiveRunsAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Active.ToArray());

    private async Task SaveAsync()
    {
        try
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch (InconsistentStateException)
            {
                await state.ReadStateAsync();
                var merged = new SortedSet<string>(state.State.Active, StringComparer.Ordinal);
                merged.UnionWith(_added);
                merged.ExceptWith(_removed);
                state.State.Active = [.. merged];
                await state.WriteStateAsync();
            }

            _added.Clear();
            _removed.Clear();
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSaveFailed(logger, string.Join(", ", _added.Select(r => "+" + r).Concat(_removed.Select(r => "-" + r))), ex.Message);
            // Retried on a timer too, not only on the next call: the last change of a cluster (a run finishing while
            // the database restarts) may have no next call.
            _retry ??= this.RegisterGrainTimer(
                _ => Unsaved ? SaveAsync() : Task.CompletedTask,
                new GrainTimerCreationOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)) { KeepAlive = true });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run directory: saving the change {Changes} failed, retrying in 2 s: {Reason}")]
    private static partial void LogSaveFailed(ILogger logger, string changes, string reason);
}
