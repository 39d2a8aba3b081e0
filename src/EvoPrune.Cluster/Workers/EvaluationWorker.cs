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
/// Runs on every silo: its worker loops lease work from the active runs' queues, evaluate it on this silo's device
/// outside any grain call (renewing the lease meanwhile), and complete each lease with its reports in one call. Idle
/// workers wait inside a lease call on an active run (the one they last worked for, else the next in the directory),
/// which the queue answers in the turn that opens the next generation; the silo also subscribes to the run directory,
/// which announces generations no worker was waiting for (new runs, recoveries), so work reaches them at once either
/// way; a one-second bound on every wait is only the safety net for expired leases and lost announcements.
/// Work therefore spreads over all silos, and a dead silo's leases simply expire; a silo that shuts down gives its
/// unfinished items back so others take them at once.
/// </summary>
public sealed partial class EvaluationWorker(
    IGrainFactory grains,
    GenomeKindRegistry kinds,
    ILocalSiloDetails silo,
    IOptions<EngineOptions> options,
    ILogger<EvaluationWorker> logger) : BackgroundService, IWorkObserver
{
    private static readonly TimeSpan IdleSafetyNet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SubscriptionRenewal = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, IWorkQueueGrain> _queues = new(StringComparer.Ordinal);
    private readonly WorkSignal _signal = new();
    private readonly EngineOptions _options = options.Value;
    // The evaluator a run needs is made on this silo's device the first time a worker leases its work.
    private readonly RunEvaluators _evaluators = new(grains, kinds, () => new EvaluationHost(silo.SiloAddress.ToParsableString(), DeviceSpec.Parse(options.Value.Device), [.. options.Value.DataDirectories]));
    private readonly ConcurrentDictionary<string, string> _waitingOn = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _announced;
    private string? _siloName;

    /// <summary>Completes once the silo's subscription to the run directory first holds: from then on it hears of new runs.</summary>
    internal Task Listening => _listening.Task;

    /// <summary>The silo's name as it appears in reports.</summary>
    public string SiloName => _siloName ??= silo.SiloAddress.ToParsableString();

    public Task WorkAvailableAsync(string runId)
    {
        _announced = runId;
        _signal.Set();
        // Workers waiting inside another run's queue stop waiting there, so they come for this run's work at once.
        foreach (var (worker, waitingOn) in _waitingOn)
        {
            if (!string.Equals(waitingOn, runId, StringComparison.Ordinal))
            {
                Queue(waitingOn).StopWaitingAsync(worker).Ignore();
            }
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.TorchThreads > 0)
        {
            Learning.Native.TorchRuntime.EnsureLoaded();
            TorchSharp.torch.set_num_threads(_options.TorchThreads);
        }

        var observer = grains.CreateObjectReference<IWorkObserver>(this);
        try
        {
            var subscription = Task.Run(() => SubscribeAsync(observer, stoppingToken), stoppingToken);
            var loops = Enumerable.Range(0, _options.Workers).Select(i => Task.Run(() => LoopAsync($"{SiloName}/w{i}", stoppingToken), stoppingToken));
            await Task.WhenAll([subscription, .. loops]);
        }
        finally
        {
            try
            {
                await Directory().UnsubscribeAsync(observer).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException or OperationCanceledException)
            {
                // The subscription lapses by itself within a minute.
            }

            grains.DeleteObjectReference<IWorkObserver>(observer);
        }
    }

    public override void Dispose()
    {
        _evaluators.Dispose();
        base.Dispose();
    }

    private IRunDirectoryGrain Directory() => grains.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key);

    // Resolving a grain reference costs a type lookup; a worker calls its run's queue twice per lease.
    private IWorkQueueGrain Queue(string runId) => _queues.GetOrAdd(runId, static (id, g) => g.GetGrain<IWorkQueueGrain>(id), grains);

    private async Task SubscribeAsync(IWorkObserver observer, CancellationToken stoppingToken)
    {
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Directory().SubscribeAsync(observer);
                if (!subscribed)
                {
                    // A run announced before this subscription took hold was never heard of here: idle workers look at
                    // the directory again now rather than after their safety-net wait.
                    subscribed = true;
                    _signal.Set();
                    _listening.TrySetResult();
                }

                await Task.Delay(SubscriptionRenewal, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                LogWorkerRetry(logger, SiloName, ex.Message);
                subscribed = false;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task LoopAsync(string worker, CancellationToken stoppingToken)
    {
        string? current = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var seen = _signal.Version;
            try
            {
                // First wait inside a lease call on the run this worker last had work from: its next generation comes
                // back as the reply in the turn that opens it. Then the run announced last, then the directory.
                var (runId, lease, evaluator) = current != null ? await WaitOnAsync(worker, current, seen) : default;
                if (lease is not { Items.Count: > 0 })
                {
                    (runId, lease, evaluator) = await LeaseFromAsync(worker, [_announced]);
                }

                IReadOnlyList<string> active = [];
                if (lease.Items.Count == 0)
                {
                    active = await Directory().GetActiveRunsAsync();
                    foreach (var released in _evaluators.Release(active))
                    {
                        _queues.TryRemove(released, out _);
                    }

                    (runId, lease, evaluator) = await LeaseFromAsync(worker, active);
                }

                if (lease.Items.Count == 0)
                {
                    // Everything open is leased to others: wait inside an active run's queue, so its next generation
                    // reaches this worker in the turn that opens it (a generation whose queue had waiting workers is
                    // not announced). With no active run, wait for an announcement.
                    current = NextToWaitOn(active, current);
                    if (current == null)
                    {
                        await _signal.WaitAsync(seen, IdleSafetyNet, stoppingToken);
                    }

                    continue;
                }

                current = runId;
                await ProcessAsync(worker, runId!, lease, evaluator, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException or KeyNotFoundException)
            {
                // The cluster is changing (a silo left); the lease, if any, expires and its items are handed on.
                LogWorkerRetry(logger, worker, ex.Message);
                current = null;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    // Waits for the run's next work inside its queue (up to the idle safety net): the reply comes in the turn that
    // opens the next generation. Another run announced meanwhile ends the wait (see WorkAvailableAsync), so a worker
    // never sits on a quiet run while a busy one has work.
    private async Task<(string? RunId, WorkLease Lease, Evaluation Evaluator)> WaitOnAsync(string worker, string runId, long seen)
    {
        var evaluator = await _evaluators.GetAsync(runId);
        var (preferred, max) = LeaseBounds(evaluator);
        // Registered first, so an announcement from now on ends the wait (the queue remembers a stop that overtakes the
        // call); one that came before is seen below.
        _waitingOn[worker] = runId;
        try
        {
            if (seen != _signal.Version && !string.Equals(_announced, runId, StringComparison.Ordinal))
            {
                return default; // Another run was announced since this worker last looked: go there first.
            }

            // A silo that stops ends the wait through the queue's own timeout (at most the safety net).
            var leased = await Queue(runId).LeaseAsync(worker, preferred, max, IdleSafetyNet);
            return (runId, leased, evaluator);
        }
        finally
        {
            _waitingOn.TryRemove(worker, out _);
        }
    }

    private async Task<(string? RunId, WorkLease Lease, Evaluation Evaluator)> LeaseFromAsync(string worker, IEnumerable<string?> runs)
    {
        foreach (var runId in runs.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var evaluator = await _evaluators.GetAsync(runId);
            var (preferred, max) = LeaseBounds(evaluator);
            var lease = await Queue(runId).LeaseAsync(worker, preferred, max, TimeSpan.Zero);
            if (lease.Items.Count > 0)
            {
                return (runId, lease, evaluator);
            }
        }

        return (null, WorkLease.None, default);
    }

    // The active run after the one last waited on (in the directory's order), so idle workers of a silo spread their
    // waits over all active runs; null when none is active.
    private static string? NextToWaitOn(IReadOnlyList<string> active, string? last)
    {
        for (var i = 0; i < active.Count; i++)
        {
            if (string.Equals(active[i], last, StringComparison.Ordinal))
            {
                return active[(i + 1) % active.Count];
            }
        }

        return active.Count == 0 ? null : active[0];
    }

    // A batch evaluator takes exactly its batch; anything else as many items as the queue sizes.
    private static (int Preferred, int Max) LeaseBounds(Evaluation evaluator) =>
        evaluator.Evaluator is IBatchGenomeEvaluator { MaxBatch: > 1 } b ? (b.MaxBatch, b.MaxBatch) : (1, int.MaxValue);

    private async Task ProcessAsync(string worker, string runId, WorkLease lease, Evaluation evaluator, CancellationToken stoppingToken)
    {
        var spec = await _evaluators.SpecAsync(runId);
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewWhileRunningAsync(worker, runId, lease.Id, spec.LeaseDuration / 4, leaseLost);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<FitnessReport> reports;
        _evaluators.Track(runId, +1);
        try
        {
            // This loop runs on a pool thread outside any grain turn (it was started with Task.Run and grain replies
            // resume it on the pool), so evaluating here blocks no grain and saves a hop; renewals run on their own
            // timer meanwhile. Should a reply ever resume it inside a scheduler, the evaluation moves to the pool.
            reports = TaskScheduler.Current == TaskScheduler.Default
                ? Evaluate(evaluator, lease.Items, leaseLost.Token)
                : await Task.Run(() => Evaluate(evaluator, lease.Items, leaseLost.Token), CancellationToken.None);
        }
        finally
        {
            _evaluators.Track(runId, -1);
            // Cancelled here, not with CancelAsync: the renewal's wait ends on this thread, so awaiting it costs no hop.
            leaseLost.Cancel();
            await renewal;
        }

        foreach (var report in reports)
        {
            EvoPruneTelemetry.RecordEvaluation(report);
        }

        // Items not evaluated (the lease was lost, or the silo is stopping) are not reported: they go back to the queue.
        await Queue(runId).CompleteAsync(worker, lease.Id, lease.Items[0].Generation, reports, clock.Elapsed.TotalSeconds);
    }

    // On a pool thread, outside any grain turn.
    private List<FitnessReport> Evaluate(Evaluation evaluation, IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        ApplyTorchThreads();
        var evaluator = evaluation.Evaluator;
        if (evaluator is IBatchGenomeEvaluator { MaxBatch: > 1 } batch && items.Count > 1 && EvaluateBatch(batch, items, cancellationToken) is { } batched)
        {
            return [.. batched];
        }

        var reports = new List<FitnessReport>(items.Count);
        foreach (var item in items)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            using var activity = EvoPruneTelemetry.StartEvaluation(item, SiloName);
            var started = Stopwatch.GetTimestamp();
            FitnessReport report;
            try
            {
                report = evaluator?.Evaluate(item, cancellationToken)
                    ?? throw new InvalidOperationException($"this silo cannot evaluate run {item.RunId}: {evaluation.Error?.Message}", evaluation.Error);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A bad genome (or a run this silo cannot evaluate) must not stop the run: it gets the worst fitness
                // and the cause is kept.
                LogEvaluationFailed(logger, ex, item.RunId, item.Genome.Id);
                report = FitnessReport.ForFailure(item.Genome.Id, $"{ex.GetType().Name}: {ex.Message}", SiloName, _options.Device, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            activity?.SetTag("evoprune.fitness", report.Fitness);
            reports.Add(report);
        }

        return reports;
    }

    // The whole batch in one call. Null if it threw: the items are then evaluated one by one.
    private IReadOnlyList<FitnessReport>? EvaluateBatch(IBatchGenomeEvaluator evaluator, IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        using var activity = EvoPruneTelemetry.StartEvaluation(items[0], SiloName);
        activity?.SetTag("evoprune.batch", items.Count);
        try
        {
            return evaluator.EvaluateBatch(items, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return [];
        }
        catch (Exception ex)
        {
            LogEvaluationFailed(logger, ex, items[0].RunId, $"batch of {items.Count} from {items[0].Genome.Id}");
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

    private async Task RenewWhileRunningAsync(string worker, string runId, long leaseId, TimeSpan period, CancellationTokenSource running)
    {
        try
        {
            while (!running.IsCancellationRequested)
            {
                // Ends without an exception when the evaluation finishes: a thrown cancellation cost more than a whole
                // lease of NEAT evaluations.
                await Task.Delay(period, running.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (running.IsCancellationRequested)
                {
                    break;
                }

                if (!await Queue(runId).RenewAsync(worker, leaseId))
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker}: cluster call failed, retrying: {Reason}")]
    private static partial void LogWorkerRetry(ILogger logger, string worker, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: evaluating genome {GenomeId} failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string runId, string genomeId);
}
