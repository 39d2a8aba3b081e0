using System.Collections.Concurrent;
using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Telemetry;
using EvoPrune.Learning.Devices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace EvoPrune.Cluster.Workers;

/// <summary>
/// Runs on every silo: its worker loops pull leased work items from the active runs' queues, evaluate them on this
/// silo's device outside any grain call (renewing the lease meanwhile), and hand the reports back. Work therefore
/// spreads over all silos, and a dead silo's leases simply expire.
/// </summary>
public sealed partial class EvaluationWorker(
    IGrainFactory grains,
    GenomeKindRegistry kinds,
    ILocalSiloDetails silo,
    IOptions<EngineOptions> options,
    ILogger<EvaluationWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IGenomeEvaluator>>> _evaluators = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunSpec> _specs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _evaluatorGate = new();
    private readonly EngineOptions _options = options.Value;

    /// <summary>The silo's name as it appears in reports.</summary>
    public string SiloName => silo.SiloAddress.ToParsableString();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.TorchThreads > 0)
        {
            Learning.Native.TorchRuntime.EnsureLoaded();
            TorchSharp.torch.set_num_threads(_options.TorchThreads);
        }

        var loops = Enumerable.Range(0, _options.Workers).Select(i => Task.Run(() => LoopAsync($"{SiloName}/w{i}", stoppingToken), stoppingToken));
        return Task.WhenAll(loops);
    }

    public override void Dispose()
    {
        foreach (var evaluator in _evaluators.Values.Where(v => v.IsValueCreated && v.Value.IsCompletedSuccessfully))
        {
            evaluator.Value.Result.Dispose();
        }

        base.Dispose();
    }

    private async Task LoopAsync(string worker, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<WorkItem> items = [];
            try
            {
                var active = await grains.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key).GetActiveRunsAsync();
                ReleaseEvaluators(active);
                foreach (var runId in active)
                {
                    var spec = await GetSpecAsync(runId);
                    items = await grains.GetGrain<IWorkQueueGrain>(runId).LeaseAsync(worker, spec.LeaseBatch);
                    if (items.Count > 0)
                    {
                        break;
                    }
                }

                if (items.Count == 0)
                {
                    await Task.Delay(_options.PollInterval, stoppingToken);
                    continue;
                }

                var queue = grains.GetGrain<IWorkQueueGrain>(items[0].RunId);
                if (items.Count > 1 && await EvaluateAsBatchAsync(worker, items, stoppingToken) is { } reports)
                {
                    for (var i = 0; i < items.Count; i++)
                    {
                        await queue.CompleteAsync(worker, items[i].Generation, reports[i]);
                    }

                    continue;
                }

                for (var i = 0; i < items.Count; i++)
                {
                    // Later items of a batch waited while earlier ones ran: skip any whose lease went to another worker.
                    if (i > 0 && !await queue.RenewAsync(worker, items[i].Generation, items[i].Genome.Id))
                    {
                        continue;
                    }

                    var report = await EvaluateAsync(worker, items[i], stoppingToken);
                    await queue.CompleteAsync(worker, items[i].Generation, report);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException or KeyNotFoundException)
            {
                // The cluster is changing (a silo left); the lease, if any, expires and the item is handed on.
                LogWorkerRetry(logger, worker, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task<FitnessReport> EvaluateAsync(string worker, WorkItem item, CancellationToken stoppingToken)
    {
        using var activity = EvoPruneTelemetry.StartEvaluation(item, SiloName);
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewWhileRunningAsync(worker, item, leaseLost);
        var clock = Stopwatch.StartNew();
        FitnessReport report;
        Track(item.RunId, +1);
        try
        {
            var evaluator = await GetEvaluatorAsync(item.RunId);
            report = await Task.Run(() => { ApplyTorchThreads(); return evaluator.Evaluate(item, leaseLost.Token); }, leaseLost.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            report = FitnessReport.ForFailure(item.Genome.Id, "lease lost while evaluating", SiloName, _options.Device, clock.Elapsed.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bad genome must not stop the run: it gets the worst fitness and the cause is kept.
            LogEvaluationFailed(logger, ex, item.RunId, item.Genome.Id);
            report = FitnessReport.ForFailure(item.Genome.Id, $"{ex.GetType().Name}: {ex.Message}", SiloName, _options.Device, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            Track(item.RunId, -1);
            await leaseLost.CancelAsync();
            await renewal;
        }

        activity?.SetTag("evoprune.fitness", report.Fitness);
        EvoPruneTelemetry.RecordEvaluation(report);
        return report;
    }

    // Null when the run's evaluator does not train batches or the batch did not complete.
    private async Task<IReadOnlyList<FitnessReport>?> EvaluateAsBatchAsync(string worker, IReadOnlyList<WorkItem> items, CancellationToken stoppingToken)
    {
        Track(items[0].RunId, +1);
        try
        {
            return await BatchEvaluatorAsync(items[0].RunId) is { } batch ? await EvaluateBatchAsync(worker, batch, items, stoppingToken) : null;
        }
        finally
        {
            Track(items[0].RunId, -1);
        }
    }

    // The whole batch in one call, every lease renewed meanwhile. Null if a lease was lost or the batch threw: the
    // caller then evaluates the items one by one, skipping those whose lease went elsewhere.
    private async Task<IReadOnlyList<FitnessReport>?> EvaluateBatchAsync(string worker, IBatchGenomeEvaluator evaluator, IReadOnlyList<WorkItem> items, CancellationToken stoppingToken)
    {
        using var activity = EvoPruneTelemetry.StartEvaluation(items[0], SiloName);
        activity?.SetTag("evoprune.batch", items.Count);
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewals = items.Select(item => RenewWhileRunningAsync(worker, item, leaseLost)).ToArray();
        IReadOnlyList<FitnessReport>? reports = null;
        try
        {
            reports = await Task.Run(() => { ApplyTorchThreads(); return evaluator.EvaluateBatch(items, leaseLost.Token); }, leaseLost.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // A lease was lost: fall back to one by one.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEvaluationFailed(logger, ex, items[0].RunId, $"batch of {items.Count} from {items[0].Genome.Id}");
        }
        finally
        {
            await leaseLost.CancelAsync();
            await Task.WhenAll(renewals);
        }

        foreach (var report in reports ?? [])
        {
            EvoPruneTelemetry.RecordEvaluation(report);
        }

        return reports;
    }

    // The run's evaluator if it trains batches; null otherwise or if it cannot be made (the one-by-one path then
    // reports that failure per item, as before).
    private async Task<IBatchGenomeEvaluator?> BatchEvaluatorAsync(string runId)
    {
        try
        {
            return await GetEvaluatorAsync(runId) is IBatchGenomeEvaluator { MaxBatch: > 1 } batch ? batch : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    // With OpenMP, Torch's CPU thread count (omp_set_num_threads) belongs to the calling thread: set it on the thread
    // that trains, not only once at start-up, or evaluations on pool threads may use one thread per core whatever
    // --torch-threads says (on a busy two-core machine that made tiny evaluations take minutes).
    private void ApplyTorchThreads()
    {
        if (_options.TorchThreads > 0)
        {
            TorchSharp.torch.set_num_threads(_options.TorchThreads);
        }
    }

    private async Task RenewWhileRunningAsync(string worker, WorkItem item, CancellationTokenSource running)
    {
        var spec = await GetSpecAsync(item.RunId);
        var period = spec.LeaseDuration / 4;
        try
        {
            while (!running.IsCancellationRequested)
            {
                await Task.Delay(period, running.Token);
                if (!await grains.GetGrain<IWorkQueueGrain>(item.RunId).RenewAsync(worker, item.Generation, item.Genome.Id))
                {
                    await running.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Evaluation finished (or the lease was lost).
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogWorkerRetry(logger, worker, ex.Message);
        }
    }

    private void Track(string runId, int change)
    {
        lock (_evaluatorGate)
        {
            _inFlight[runId] = _inFlight.GetValueOrDefault(runId) + change;
        }
    }

    // A run that is no longer active (finished, stopped, failed) frees its evaluator and whatever that holds on the
    // device, once no evaluation of it is running here; a long-lived silo serving many runs stays flat.
    private void ReleaseEvaluators(IReadOnlyCollection<string> active)
    {
        lock (_evaluatorGate)
        {
            foreach (var runId in _evaluators.Keys.Where(r => !active.Contains(r) && _inFlight.GetValueOrDefault(r) == 0).ToArray())
            {
                if (_evaluators.TryRemove(runId, out var evaluator) && evaluator.IsValueCreated && evaluator.Value.IsCompletedSuccessfully)
                {
                    evaluator.Value.Result.Dispose();
                }

                _specs.TryRemove(runId, out _);
                _inFlight.Remove(runId);
            }
        }
    }

    private Task<IGenomeEvaluator> GetEvaluatorAsync(string runId) =>
        _evaluators.GetOrAdd(runId, id => new Lazy<Task<IGenomeEvaluator>>(async () =>
        {
            var spec = await GetSpecAsync(id);
            var host = new EvaluationHost(SiloName, DeviceSpec.Parse(_options.Device), _options.DataDirectories.ToArray());
            return kinds.Get(spec).CreateEvaluator(spec, host);
        })).Value;

    private async Task<RunSpec> GetSpecAsync(string runId)
    {
        if (_specs.TryGetValue(runId, out var cached))
        {
            return cached;
        }

        var spec = await grains.GetGrain<IRunGrain>(runId).GetSpecAsync() ?? throw new KeyNotFoundException($"Run '{runId}' has no spec.");
        return _specs.GetOrAdd(runId, spec);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker}: cluster call failed, retrying: {Reason}")]
    private static partial void LogWorkerRetry(ILogger logger, string worker, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: evaluating genome {GenomeId} failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string runId, string genomeId);
}
