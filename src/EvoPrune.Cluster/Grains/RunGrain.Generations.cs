using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Telemetry;

namespace EvoPrune.Cluster.Grains;

// The generation flow of RunGrain: breed and open a generation, take its reports and open the next in the same turn,
// checkpoint by the run's policy, finish the run, and recover from the last checkpoint.
public sealed partial class RunGrain
{
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

        BeginGeneration();
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

    // A generation's clock and span start before its breeding (or, bred in the previous step, before it opens).
    private void BeginGeneration()
    {
        _generationStarted = time.GetTimestamp();
        _generationSpan ??= EvoPruneTelemetry.StartGeneration(RunId, _generation, _record!.TraceParent);
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
        if (step?.Next is { } next)
        {
            BeginGeneration();
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
}
