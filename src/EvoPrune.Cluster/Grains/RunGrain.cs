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
public sealed partial class RunGrain(IRunStore store, GenomeKindRegistry kinds, ILogger<RunGrain> logger) : Grain, IRunGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private RunRecord? _record;
    private int _generation;
    private List<GenerationSummary> _history = [];
    private QueueProgress? _progress;
    private IGrainTimer? _timer;
    private Activity? _generationSpan;
    private bool _stopRequested;

    private string RunId => this.GetPrimaryKeyString();

    private RunSpec Spec => _record!.Spec;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _record = store.LoadRecord(RunId);
        if (_record is { Phase: RunPhase.Breeding or RunPhase.Evaluating })
        {
            // Activated by the reminder (or a status call) after the silo that held this run died: carry on.
            LogContinuing(logger, RunId);
            await RecoverAsync();
            SetPhase(RunPhase.Breeding);
            StartTicking();
        }
        else if (_record != null)
        {
            // A finished or stopped run: read its history once, not on every status call.
            LoadCheckpoint();
        }
    }

    public async Task<RunStatus> StartAsync(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.RunId != RunId)
        {
            throw new ArgumentException($"The spec names run '{spec.RunId}' but was sent to run '{RunId}'.");
        }

        if (_record != null || store.Exists(RunId))
        {
            throw new InvalidOperationException($"Run '{RunId}' already exists in {store.Describe(RunId)}; resume it or choose another run id.");
        }

        kinds.Get(spec).Validate(spec);
        _record = new RunRecord(spec, RunPhase.Breeding, null, DateTimeOffset.UtcNow) { TraceParent = EvoPruneTelemetry.MarkRunStarted(spec) };
        store.SaveRecord(_record);
        LogStarted(logger, RunId, spec.Kind, spec.Generations, spec.PopulationSize);
        await RecoverAsync();
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTicking();
        return Status();
    }

    public async Task<RunStatus> ResumeAsync()
    {
        _record ??= store.LoadRecord(RunId) ?? throw new KeyNotFoundException($"Unknown run id '{RunId}': nothing in {store.Describe(RunId)}.");
        if (_record.Phase == RunPhase.Completed || _timer != null)
        {
            return Status();
        }

        _stopRequested = false;
        await RecoverAsync();
        SetPhase(RunPhase.Breeding);
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTicking();
        return Status();
    }

    public Task<RunStatus> GetStatusAsync()
    {
        _record ??= store.LoadRecord(RunId) ?? throw new KeyNotFoundException($"Unknown run id '{RunId}': nothing in {store.Describe(RunId)}.");
        return Task.FromResult(Status());
    }

    public Task<RunSpec?> GetSpecAsync() => Task.FromResult(_record?.Spec ?? store.LoadRecord(RunId)?.Spec);

    public Task<RunStatus> StopAsync()
    {
        _record ??= store.LoadRecord(RunId) ?? throw new KeyNotFoundException($"Unknown run id '{RunId}'.");
        _stopRequested = true;
        return Task.FromResult(Status());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_record is { Phase: RunPhase.Breeding or RunPhase.Evaluating })
        {
            StartTicking();
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

    public Task WakeAsync() =>
        _timer != null && _record?.Phase == RunPhase.Evaluating ? TickAsync(CancellationToken.None) : Task.CompletedTask;

    private void StartTicking() =>
        _timer ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TickInterval, TickInterval) { KeepAlive = true });

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            switch (_record?.Phase)
            {
                case RunPhase.Breeding:
                    await BreedAsync();
                    break;
                case RunPhase.Evaluating:
                    await CollectAsync();
                    if (_record?.Phase == RunPhase.Breeding)
                    {
                        // The generation is checkpointed: breed the next one now rather than a tick later.
                        await BreedAsync();
                    }

                    break;
                default:
                    StopTicking();
                    break;
            }
        }
        catch (PopulationStateLostException ex)
        {
            LogRecovering(logger, RunId, ex.Message);
            await RecoverAsync();
            SetPhase(RunPhase.Breeding);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            // A silo went away mid-call: its grains come back elsewhere and the next tick tries again.
            LogTransient(logger, RunId, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            LogFailed(logger, ex, RunId);
            _record = _record! with { Phase = RunPhase.Failed, Error = ex.Message };
            store.SaveRecord(_record);
            await Directory().SetActiveAsync(RunId, false);
            StopTicking();
        }
    }

    private async Task BreedAsync()
    {
        if (_stopRequested || _generation >= Spec.Generations || (Spec.StopWhenSolved && _history.Any(h => h.Solved > 0)))
        {
            await FinishAsync(_stopRequested ? RunPhase.Stopped : RunPhase.Completed);
            return;
        }

        _generationSpan ??= EvoPruneTelemetry.StartGeneration(RunId, _generation, _record!.TraceParent);
        var items = new List<WorkItem>();
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

        foreach (var population in Spec.Populations)
        {
            var genomes = await Population(population).ProposeAsync(_generation, partners);
            items.AddRange(genomes.Select(g => new WorkItem(RunId, _generation, g, 0) { TraceParent = _generationSpan?.Id }));
        }

        await Queue().OpenGenerationAsync(_generation, items, Spec.LeaseDuration, Spec.MaxAttempts);
        await Directory().SetActiveAsync(RunId, true);
        _progress = new QueueProgress(_generation, items.Count, 0, 0);
        SetPhase(RunPhase.Evaluating);
    }

    private async Task CollectAsync()
    {
        await Directory().SetActiveAsync(RunId, true);
        var progress = await Queue().GetProgressAsync();
        if (progress.Generation != _generation)
        {
            // The queue was reactivated empty (its silo died): propose the same genomes again; reports already
            // written to the store are reloaded, so only unfinished evaluations are redone.
            LogRecovering(logger, RunId, $"work queue lost generation {_generation}");
            SetPhase(RunPhase.Breeding);
            return;
        }

        _progress = progress;
        if (progress.Done < progress.Total)
        {
            return;
        }

        var reports = await Queue().GetReportsAsync(_generation);
        var summaries = new List<GenerationSummary>();
        var snapshots = new List<PopulationSnapshot>();
        foreach (var population in Spec.Populations)
        {
            summaries.Add(await Population(population).AcceptAsync(_generation, reports));
            snapshots.Add(await Population(population).SnapshotAsync());
        }

        var history = _history.Concat(summaries).ToList();
        var clock = Stopwatch.StartNew();
        store.SaveCheckpoint(new Checkpoint(RunId, _generation, snapshots, history), Spec.KeepCheckpoints);
        EvoPruneTelemetry.RecordCheckpoint(clock.Elapsed);

        _history = history;
        foreach (var summary in summaries)
        {
            EvoPruneTelemetry.RecordGeneration(summary);
            EvoPruneTelemetry.AddBestGenome(_generationSpan, summary);
            LogGeneration(logger, RunId, summary.Generation, summary.Population, summary.BestFitness, summary.MeanFitness);
        }

        _generationSpan?.Stop();
        _generationSpan = null;

        _generation++;
        SetPhase(RunPhase.Breeding);
    }

    private async Task FinishAsync(RunPhase phase)
    {
        await Directory().SetActiveAsync(RunId, false);
        await Queue().CloseAsync();
        if (phase == RunPhase.Completed)
        {
            RunResults.Write(store, Spec, _history);
        }

        SetPhase(phase);
        StopTicking();
        var folder = store.Describe(RunId);
        LogFinished(logger, RunId, phase, folder);
    }

    private async Task RecoverAsync()
    {
        _generationSpan?.Stop();
        _generationSpan = null;
        var checkpoint = LoadCheckpoint();
        foreach (var population in Spec.Populations)
        {
            await Population(population).RestoreAsync(Spec, checkpoint?.Populations.FirstOrDefault(p => p.Name == population));
        }
    }

    // The newest good checkpoint; the run continues with the generation after it.
    private Checkpoint? LoadCheckpoint()
    {
        var checkpoint = store.LoadLatestCheckpoint(RunId, warning => LogDamagedCheckpoint(logger, RunId, warning));
        _generation = checkpoint == null ? 0 : checkpoint.Generation + 1;
        _history = checkpoint?.History.ToList() ?? [];
        return checkpoint;
    }

    private void SetPhase(RunPhase phase)
    {
        if (_record!.Phase != phase)
        {
            _record = _record with { Phase = phase };
            store.SaveRecord(_record);
        }
    }

    private void StopTicking()
    {
        _timer?.Dispose();
        _timer = null;
        _generationSpan?.Stop();
        _generationSpan = null;
    }

    private RunStatus Status() => new(
        RunId,
        _record?.Phase ?? RunPhase.NotStarted,
        _generation,
        _record?.Spec.Generations ?? 0,
        _progress?.Generation == _generation ? _progress.Done : 0,
        _progress?.Generation == _generation ? _progress.Total : 0,
        _history,
        _record?.Error,
        store.Describe(RunId));

    private IPopulationGrain Population(string name) => GrainFactory.GetGrain<IPopulationGrain>($"{RunId}/{name}");

    private IWorkQueueGrain Queue() => GrainFactory.GetGrain<IWorkQueueGrain>(RunId);

    private IRunDirectoryGrain Directory() => GrainFactory.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: a grain call failed, retrying next tick: {Reason}")]
    private static partial void LogTransient(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string runId);
}
