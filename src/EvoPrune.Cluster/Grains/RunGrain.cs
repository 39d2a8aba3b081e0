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
        _record ??= await store.LoadRecordAsync(RunId) ?? throw new KeyNotFoundException($"Unknown run id '{RunId}': nothing in {store.Describe(RunId)}.");
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
        _record ??= await store.LoadRecordAsync(RunId) ?? throw new KeyNotFoundException($"Unknown run id '{RunId}': nothing in {store.Describe(RunId)}.");
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
        }
    }

    // Breeds and opens the next generation, or finishes the run.
    private async Task AdvanceAsync()
    {
        if (!Running || _evaluating)
        {
            return;
        }

        if (_stopRequested || _generation >= Spec.Generations || (Spec.StopWhenSolved && _history.Any(h => h.Solved > 0)))
        {
            await FinishAsync(_stopRequested ? RunPhase.Stopped : RunPhase.Completed);
            return;
        }

        _generationStarted = time.GetTimestamp();
        _generationSpan ??= EvoPruneTelemetry.StartGeneration(RunId, _generation, _record!.TraceParent);
        var partners = new Dictionary<string, ScoredGenome>(StringComparer.Ordinal);
        if (Spec.Populations.Count > 1)
        {
            foreach (var population in Spec.Populations)
            {
                if (await Population(population).GetBestAsync() is { } best)
                {
                    partners[population] = best;
                }
            }
        }

        var items = new List<WorkItem>(Spec.PopulationSize * Spec.Populations.Count);
        foreach (var population in Spec.Populations)
        {
            Enqueue(items, await Population(population).ProposeAsync(_generation, partners));
        }

        await OpenAsync(items);
    }

    private void Enqueue(List<WorkItem> items, IReadOnlyList<GenomeRecord> genomes)
    {
        var traceParent = _generationSpan?.Id;
        foreach (var genome in genomes)
        {
            items.Add(new WorkItem(RunId, _generation, genome, 0) { TraceParent = traceParent });
        }
    }

    // Hands the generation to the queue, whose waiting workers take it in the same turn; the silos hear of it only
    // when no worker was waiting (a new run, a recovery, or workers busy elsewhere).
    private async Task OpenAsync(List<WorkItem> items)
    {
        _progress = new QueueProgress(_generation, items.Count, 0, 0);
        _evaluating = true;
        var replay = _replay;
        var served = await Queue().OpenGenerationAsync(_generation, items, QueueSettings.Of(Spec), replay);
        if (served == 0)
        {
            await Directory().AnnounceWorkAsync(RunId);
        }

        if (replay && (await Queue().GetProgressAsync()).Done == 0)
        {
            // A generation that finished no evaluation before the crash: the ones after it finished none either.
            _replay = false;
        }
    }

    private async Task CollectAndAdvanceAsync(GenerationDone done)
    {
        if (!_evaluating || done.Generation != _generation)
        {
            return;
        }

        // A run of one population takes the reports, the checkpoint's snapshot and the next generation in one call.
        var single = Spec.Populations.Count == 1;
        var solved = Spec.StopWhenSolved && done.Reports.Any(Kinds.SuccessTest.Passed);
        var last = _stopRequested || _generation + 1 >= Spec.Generations || solved;
        var checkpoint = last || _checkpoints.IsDue(Spec, _generation);
        var summaries = new List<GenerationSummary>(Spec.Populations.Count);
        PopulationStep? step = null;
        if (single)
        {
            step = await Population(Spec.Populations[0]).StepAsync(_generation, done.Reports, checkpoint, proposeNext: !last);
            summaries.Add(step.Summary);
        }
        else
        {
            foreach (var population in Spec.Populations)
            {
                summaries.Add(await Population(population).AcceptAsync(_generation, done.Reports));
            }
        }

        _history.AddRange(summaries);
        _lastFailure = MostCommonFailure(done.Reports);
        _progress = new QueueProgress(_generation, done.Reports.Count, done.Reports.Count, 0);
        _evaluating = false;
        foreach (var summary in summaries)
        {
            EvoPruneTelemetry.RecordGeneration(summary);
            EvoPruneTelemetry.AddBestGenome(_generationSpan, summary);
            LogGeneration(logger, RunId, summary.Generation, summary.Population, summary.BestFitness, summary.MeanFitness);
        }

        if (checkpoint)
        {
            var written = await CheckpointAsync(step?.Snapshot is { } snapshot ? [snapshot] : null);
            _finalCheckpoint = last ? written : null;
        }

        // A generation's time runs from its opening to the next one's, so the next generation's breeding counts here.
        var total = time.GetElapsedTime(_generationStarted).TotalSeconds;
        EvoPruneTelemetry.RecordGenerationTime(total, Math.Max(0, total - done.EvaluationSeconds));
        _generationSpan?.Stop();
        _generationSpan = null;
        _generation++;
        if (step?.Next is { } next && !_stopRequested)
        {
            _generationStarted = time.GetTimestamp();
            _generationSpan = EvoPruneTelemetry.StartGeneration(RunId, _generation, _record!.TraceParent);
            var items = new List<WorkItem>(next.Count);
            Enqueue(items, next);
            await OpenAsync(items);
        }
        else
        {
            await AdvanceAsync();
        }
    }

    // The most common failure cause of a generation, grouped by exception type (the text before the first ": ").
    private static string? MostCommonFailure(IReadOnlyList<FitnessReport> reports) =>
        reports.Select(r => r.Failure).OfType<string>()
            .GroupBy(f => f.Split(": ", 2)[0], StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First().Split('\n', 2)[0]).FirstOrDefault();

    // Writes a checkpoint of the generation just accepted, from the snapshots the populations gave with their step or
    // (null) by asking them.
    private async Task<Checkpoint> CheckpointAsync(IReadOnlyList<PopulationSnapshot>? taken = null)
    {
        var snapshots = new List<PopulationSnapshot>(Spec.Populations.Count);
        if (taken != null)
        {
            snapshots.AddRange(taken);
        }
        else
        {
            foreach (var population in Spec.Populations)
            {
                snapshots.Add(await Population(population).SnapshotAsync());
            }
        }

        var clock = Stopwatch.StartNew();
        var checkpoint = new Checkpoint(RunId, _generation, snapshots, _history.ToArray());
        await store.SaveCheckpointAsync(checkpoint, Spec.KeepCheckpoints);
        EvoPruneTelemetry.RecordCheckpoint(clock.Elapsed);
        _checkpoints.Written(_generation);
        return checkpoint;
    }

    private async Task FinishAsync(RunPhase phase)
    {
        StopSafetyNet();
        await Directory().SetActiveAsync(RunId, false);
        await Queue().CloseAsync();
        if (_generation - 1 > _checkpoints.Last && _history.Count > 0)
        {
            // Stopped right after a generation the policy had not checkpointed (a finished run always has been).
            _generation--;
            await CheckpointAsync();
            _generation++;
        }

        if (phase == RunPhase.Completed)
        {
            await RunResults.WriteAsync(store, Spec, _history);
            // The last generation's checkpoint as written in this activation, else (a run resumed just to finish) as stored.
            var last = _finalCheckpoint ?? await store.LoadLatestCheckpointAsync(RunId, warning => LogDamagedCheckpoint(logger, RunId, warning));
            _finalCheckpoint = null;
            await kinds.Get(Spec).WriteReportsAsync(Spec, last ?? new Checkpoint(RunId, _generation - 1, [], _history.ToArray()), store, CancellationToken.None);
            var evaluations = _history.Sum(h => h.Evaluations);
            if (evaluations > 0 && _history.All(h => h.Failures == h.Evaluations))
            {
                // Nothing was measured: the run completed nothing, whatever its generation count says.
                _record = _record! with { Error = $"every one of the {evaluations} evaluations failed; most common cause: {_lastFailure ?? "unknown"}" };
                phase = RunPhase.Failed;
            }
        }

        await SetPhaseAsync(phase);
        var folder = store.Describe(RunId);
        LogFinished(logger, RunId, phase, folder);
    }

    private async Task RecoverAsync()
    {
        _generationSpan?.Stop();
        _generationSpan = null;
        _evaluating = false;
        _replay = true;
        var checkpoint = await LoadCheckpointAsync();
        foreach (var population in Spec.Populations)
        {
            await Population(population).RestoreAsync(Spec, checkpoint?.Populations.FirstOrDefault(p => p.Name == population));
        }
    }

    // The newest good checkpoint; the run continues with the generation after it.
    private async Task<Checkpoint?> LoadCheckpointAsync()
    {
        var checkpoint = await store.LoadLatestCheckpointAsync(RunId, warning => LogDamagedCheckpoint(logger, RunId, warning));
        _generation = checkpoint == null ? 0 : checkpoint.Generation + 1;
        _checkpoints.Written(_generation - 1);
        _history.Clear();
        _history.AddRange(checkpoint?.History ?? []);
        return checkpoint;
    }

    private async Task SetPhaseAsync(RunPhase phase)
    {
        if (_record!.Phase != phase)
        {
            _record = _record with { Phase = phase };
            await store.SaveRecordAsync(_record);
        }
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
            Outcome = phase is RunPhase.Completed or RunPhase.Stopped or RunPhase.Failed && _record != null && kinds.TryGet(_record.Spec.Kind, out var kind)
                ? kind.DescribeOutcome(_record.Spec, phase, _history)
                : null,
        };
    }

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
