using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace EvoPrune.Cluster.Grains;

/// <inheritdoc cref="IRunGrain" />
/// <remarks>Placed on the silo that first calls it (the submitting client's gateway, or the embedded silo).</remarks>
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class RunGrain(IRunStore store, GenomeKindRegistry kinds, TimeProvider time, ILogger<RunGrain> logger) : Grain, IRunGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";

    /// <summary>The safety net's period: it only catches lost messages; generations never wait for it.</summary>
    private static readonly TimeSpan SafetyNetInterval = TimeSpan.FromSeconds(2);

    private RunRecord? _record;
    private int _generation;
    private readonly List<GenerationSummary> _history = [];
    private QueueProgress? _progress;
    private IGrainTimer? _timer;
    private Activity? _generationSpan;
    private bool _stopRequested;
    private bool _evaluating;
    private bool _replay;

    // Completed (and dropped) when the run stops running: the answer to every WaitUntilFinishedAsync waiting meanwhile.
    private TaskCompletionSource? _finished;

    // The checkpoint of the run's last generation, handed to the kind's post-run reports without reading it back.
    private Checkpoint? _finalCheckpoint;
    private long _generationStarted;
    private string? _lastFailure;
    private readonly CheckpointSchedule _checkpoints = new(time);

    private readonly Dictionary<string, IPopulationGrain> _populations = new(StringComparer.Ordinal);
    private string? _runId;
    private IWorkQueueGrain? _queue;
    private IRunDirectoryGrain? _directory;

    // Grain references and the key are made once: resolving a reference and rendering the key cost a lookup and an
    // allocation on every call, several times per generation.
    private string RunId => _runId ??= this.GetPrimaryKeyString();

    private RunSpec Spec => _record!.Spec;

    private bool Running => _record is { Phase: RunPhase.Breeding or RunPhase.Evaluating };

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _record = await store.LoadRecordAsync(RunId, cancellationToken);
        if (Running)
        {
            // Activated by the reminder (or a status call) after the silo that held this run died: carry on.
            LogContinuing(logger, RunId);
            await RecoverAsync();
            StartSafetyNet();
            await GuardAsync(AdvanceAsync);
        }
        else if (_record != null)
        {
            // A finished or stopped run: read its history once, not on every status call.
            await LoadCheckpointAsync();
        }
    }

    public async Task<RunStatus> StartAsync(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.RunId != RunId)
        {
            throw new ArgumentException($"The spec names run '{spec.RunId}' but was sent to run '{RunId}'.");
        }

        if (_record != null || await store.ExistsAsync(RunId))
        {
            throw new InvalidOperationException($"Run '{RunId}' already exists in {store.Describe(RunId)}; resume it or choose another run id.");
        }

        kinds.Get(spec).Validate(spec);
        _record = new RunRecord(spec, RunPhase.Breeding, null, DateTimeOffset.UtcNow) { TraceParent = EvoPruneTelemetry.MarkRunStarted(spec) };
        await store.SaveRecordAsync(_record);
        LogStarted(logger, RunId, spec.Kind, spec.Generations, spec.PopulationSize);
        await RecoverAsync();
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartSafetyNet();
        await GuardAsync(AdvanceAsync);
        return Status();
    }

    public async Task<RunStatus> ResumeAsync()
    {
        _record ??= await LoadRecordAsync();
        if (_record.Phase == RunPhase.Completed || _timer != null)
        {
            return Status();
        }

        _stopRequested = false;
        await RecoverAsync();
        await SetPhaseAsync(RunPhase.Breeding);
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartSafetyNet();
        await GuardAsync(AdvanceAsync);
        return Status();
    }

    public async Task<RunStatus> GetStatusAsync()
    {
        _record ??= await LoadRecordAsync();
        if (Running && _evaluating)
        {
            // Live progress of the generation for whoever asks (the CLI's progress line); the queue answers from memory.
            var generation = _generation;
            var progress = await Queue().GetProgressAsync();
            if (progress.Generation == generation && _generation == generation && _evaluating)
            {
                _progress = progress;
            }
        }

        return Status();
    }

    public async Task<RunStatus> WaitUntilFinishedAsync(TimeSpan wait)
    {
        _record ??= await LoadRecordAsync();
        if (!_record.Phase.IsFinished() && wait > TimeSpan.Zero)
        {
            // Its own timer, not a grain timer: a deactivation waits for this call, and grain timers stop when it starts.
            _finished ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _finished.Task.WaitAsync(wait, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        return await GetStatusAsync();
    }

    public async Task<RunSpec?> GetSpecAsync() => _record?.Spec ?? (await store.LoadRecordAsync(RunId))?.Spec;

    public async Task<RunStatus> StopAsync()
    {
        _record ??= await store.LoadRecordAsync(RunId) ?? throw new KeyNotFoundException($"Unknown run id '{RunId}'.");
        _stopRequested = true;
        return Status();
    }

    public Task GenerationDoneAsync(GenerationDone done)
    {
        ArgumentNullException.ThrowIfNull(done);
        // A hand-over for another generation (a late duplicate, or one the safety net already took) is dropped.
        return Running && _evaluating && done.Generation == _generation ? GuardAsync(() => CollectAndAdvanceAsync(done)) : Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Running)
        {
            StartSafetyNet();
        }
        else
        {
            var reminder = await this.GetReminder(KeepAliveReminder);
            if (reminder != null)
            {
                await this.UnregisterReminder(reminder);
            }
        }
    }

    private void StartSafetyNet() =>
        _timer ??= this.RegisterGrainTimer(SafetyNetAsync, new GrainTimerCreationOptions(SafetyNetInterval, SafetyNetInterval) { KeepAlive = true });

    // Not on the critical path: generations advance when the queue hands them over. This catches what a lost message
    // or a lost grain would otherwise leave waiting.
    private Task SafetyNetAsync(CancellationToken cancellationToken)
    {
        if (!Running)
        {
            StopSafetyNet();
            return Task.CompletedTask;
        }

        return GuardAsync(async () =>
        {
            if (!_evaluating)
            {
                await AdvanceAsync();
                return;
            }

            await Directory().SetActiveAsync(RunId, true);
            var progress = await Queue().GetProgressAsync();
            if (progress.Generation != _generation)
            {
                // The queue was reactivated empty (its silo died): open the same generation again; reports already
                // written to the store are reloaded, so only unfinished evaluations are redone.
                LogRecovering(logger, RunId, $"work queue lost generation {_generation}");
                _evaluating = false;
                _replay = true;
                await AdvanceAsync();
                return;
            }

            _progress = progress;
            if (progress.Done == progress.Total && await Queue().GetReportsAsync(_generation) is { } done)
            {
                await CollectAndAdvanceAsync(done);
            }
        });
    }

    private async Task GuardAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (PopulationStateLostException ex)
        {
            LogRecovering(logger, RunId, ex.Message);
            await RecoverAsync();
            _evaluating = false;
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            // A silo went away mid-call: its grains come back elsewhere and the safety net tries again.
            LogTransient(logger, RunId, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or InvalidDataException)
        {
            LogFailed(logger, ex, RunId);
            _evaluating = false;
            _record = _record! with { Phase = RunPhase.Failed, Error = ex.Message };
            StopSafetyNet();
            await store.SaveRecordAsync(_record);
            await Directory().SetActiveAsync(RunId, false);
            SignalFinished();
        }
    }

    private async Task SetPhaseAsync(RunPhase phase)
    {
        if (_record!.Phase != phase)
        {
            _record = _record with { Phase = phase };
            await store.SaveRecordAsync(_record);
        }

        if (phase.IsFinished())
        {
            SignalFinished();
        }
    }

    // Answers the followers waiting for the end, once the record saying so is stored.
    private void SignalFinished()
    {
        _finished?.TrySetResult();
        _finished = null;
    }

    private void StopSafetyNet()
    {
        _timer?.Dispose();
        _timer = null;
        _generationSpan?.Stop();
        _generationSpan = null;
    }

    private RunStatus Status()
    {
        var phase = Running && _evaluating ? RunPhase.Evaluating : _record?.Phase ?? RunPhase.NotStarted;
        return new(
            RunId,
            phase,
            _generation,
            _record?.Spec.Generations ?? 0,
            _progress?.Generation == _generation ? _progress.Done : 0,
            _progress?.Generation == _generation ? _progress.Total : 0,
            _history.ToArray(),
            _record?.Error,
            store.Describe(RunId))
        {
            // Only a finished run has an outcome; the kind words it (a kind unknown to this silo says nothing).
            Outcome = phase.IsFinished() && _record != null && kinds.TryGet(_record.Spec.Kind, out var kind)
                ? kind.DescribeOutcome(_record.Spec, phase, _history)
                : null,
        };
    }

    // The stored record of this run, for calls that come before (or without) a start in this activation.
    private async Task<RunRecord> LoadRecordAsync() =>
        await store.LoadRecordAsync(RunId) ?? throw new KeyNotFoundException($"Unknown run id '{RunId}': nothing in {store.Describe(RunId)}.");

    private IPopulationGrain Population(string name)
    {
        if (!_populations.TryGetValue(name, out var grain))
        {
            _populations[name] = grain = GrainFactory.GetGrain<IPopulationGrain>($"{RunId}/{name}");
        }

        return grain;
    }

    private IWorkQueueGrain Queue() => _queue ??= GrainFactory.GetGrain<IWorkQueueGrain>(RunId);

    private IRunDirectoryGrain Directory() => _directory ??= GrainFactory.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started: kind {Kind}, {Generations} generations of {PopulationSize}")]
    private static partial void LogStarted(ILogger logger, string runId, string kind, int generations, int populationSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} generation {Generation} ({Population}): best {BestFitness:F4}, mean {MeanFitness:F4}")]
    private static partial void LogGeneration(ILogger logger, string runId, int generation, string population, double bestFitness, double meanFitness);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} is {Phase}; results in {Folder}")]
    private static partial void LogFinished(ILogger logger, string runId, RunPhase phase, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} continues from its last checkpoint (its coordinator was reactivated)")]
    private static partial void LogContinuing(ILogger logger, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {Warning}")]
    private static partial void LogDamagedCheckpoint(ILogger logger, string runId, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} recovers from its last checkpoint: {Reason}")]
    private static partial void LogRecovering(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: a grain call failed, the safety net retries: {Reason}")]
    private static partial void LogTransient(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string runId);
}
