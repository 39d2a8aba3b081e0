using EvoPrune.Cluster.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Utilities;

namespace EvoPrune.Cluster.Grains;

/// <summary>
/// <inheritdoc cref="IRunDirectoryGrain" /> The list is persisted through the <c>evoprune</c>
/// provider (PostgreSQL with a <c>postgres://</c> store, in memory otherwise), written only when it changes. A write that
/// fails is logged and retried on the next call: coordinators re-register on their timer, so the list in memory stays the truth.
/// Subscriptions live in memory only: workers renew theirs on their own timer.
/// </summary>
public sealed partial class RunDirectoryGrain(
    [PersistentState("directory", GrainStorageNames.EvoPrune)] IPersistentState<RunDirectoryState> state,
    ILogger<RunDirectoryGrain> logger) : Grain, IRunDirectoryGrain
{
    private readonly ObserverManager<IWorkObserver> _observers = new(TimeSpan.FromMinutes(1), logger);
    private bool _unsaved;
    private IGrainTimer? _retry;

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
            _unsaved = true;
        }
        else if (!active && at >= 0)
        {
            list.RemoveAt(at);
            _unsaved = true;
        }

        if (_unsaved)
        {
            await SaveAsync(runId, active);
        }
    }

    public Task<IReadOnlyList<string>> GetActiveRunsAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Active.ToArray());

    private async Task SaveAsync(string runId, bool active)
    {
        try
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch (InconsistentStateException)
            {
                // Someone else wrote the row (a second activation during a split, or a storage that lost its state):
                // merge this change into what is stored and write once more.
                var mine = state.State.Active.ToHashSet(StringComparer.Ordinal);
                await state.ReadStateAsync();
                var merged = new SortedSet<string>(state.State.Active.Concat(mine), StringComparer.Ordinal);
                if (!active)
                {
                    merged.Remove(runId);
                }

                state.State.Active = [.. merged];
                await state.WriteStateAsync();
            }

            _unsaved = false;
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSaveFailed(logger, runId, ex.Message);
            // Retried on a timer too, not only on the next call: the last change of a cluster (a run finishing while
            // the database restarts) may have no next call.
            _retry ??= this.RegisterGrainTimer(
                _ => _unsaved ? SaveAsync(runId, active) : Task.CompletedTask,
                new GrainTimerCreationOptions(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)) { KeepAlive = true });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run directory: saving the change for run {RunId} failed, retrying in 2 s: {Reason}")]
    private static partial void LogSaveFailed(ILogger logger, string runId, string reason);
}
