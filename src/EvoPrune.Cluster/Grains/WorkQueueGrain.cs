using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Telemetry;
using Microsoft.Extensions.Logging;

namespace EvoPrune.Cluster.Grains;

/// <inheritdoc cref="IWorkQueueGrain" />
public sealed partial class WorkQueueGrain(IRunStore store, TimeProvider time, ILogger<WorkQueueGrain> logger) : Grain, IWorkQueueGrain
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Lease> _leases = [];
    private readonly WaitingWorkers _waiting = new(time);
    // How long a deactivation waits for reports being written (a store's own retries take longer than this only when it
    // is gone).
    private static readonly TimeSpan WriterGrace = TimeSpan.FromSeconds(10);
    private readonly LeaseSizer _sizer = new();
    private int _generation = -1;
    private int _open;
    private long _nextLease = 1;
    private QueueSettings _settings = new(TimeSpan.FromSeconds(20), 3, 0);
    private DateTimeOffset? _firstLease;
    private readonly List<(int Generation, List<FitnessReport> Reports)> _unwritten = [];
    private Task? _writer;
    private bool _writing;

    private string? _runId;
    private IRunGrain? _run;

    private string RunId => _runId ??= this.GetPrimaryKeyString();

    public async Task<int> OpenGenerationAsync(int generation, IReadOnlyList<WorkItem> items, QueueSettings settings, bool replay)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(settings);
        if (generation == _generation)
        {
            return 0;
        }

        // Read before anything changes: waiting lease calls interleave with this await and must see a consistent queue.
        var stored = replay
            ? await store.LoadReportsAsync(RunId, generation, warning => LogTornReport(logger, RunId, warning))
            : [];
        var done = new Dictionary<string, FitnessReport>(StringComparer.Ordinal);
        foreach (var report in stored)
        {
            done.TryAdd(report.GenomeId, report);
        }

        _entries.Clear();
        _byId.Clear();
        _leases.Clear();
        _generation = generation;
        _settings = settings;
        _firstLease = null;
        _open = 0;
        foreach (var item in items)
        {
            var entry = new Entry(item) { Report = done.GetValueOrDefault(item.Genome.Id) };
            _entries.Add(entry);
            _byId[item.Genome.Id] = entry;
            _open += entry.Report == null ? 1 : 0;
        }

        PublishQueue();
        if (_open == 0)
        {
            // Every report was stored before a crash: the generation is complete as it opens.
            HandOver();
            return 0;
        }

        return ServeWaiting();
    }

    public Task<WorkLease> LeaseAsync(string worker, int preferred, int max, TimeSpan wait)
    {
        // A stop that overtook this call (messages are not ordered) ends the wait before it starts.
        var stopped = _waiting.TakeStop(worker);
        var lease = TryLease(worker, preferred, max);
        return lease.Items.Count > 0 || wait <= TimeSpan.Zero || stopped ? Task.FromResult(lease) : WaitForWork(worker, preferred, max, wait);
    }

    public Task StopWaitingAsync(string worker)
    {
        _waiting.Stop(worker);
        return Task.CompletedTask;
    }

    public Task<bool> RenewAsync(string worker, long leaseId)
    {
        if (!_leases.TryGetValue(leaseId, out var lease) || lease.Worker != worker)
        {
            return Task.FromResult(false);
        }

        lease.Expires = time.GetUtcNow() + _settings.LeaseDuration;
        return Task.FromResult(true);
    }

    public Task CompleteAsync(string worker, long leaseId, int generation, IReadOnlyList<FitnessReport> reports, double seconds)
    {
        ArgumentNullException.ThrowIfNull(reports);
        _leases.Remove(leaseId, out var lease);
        if (generation != _generation)
        {
            return Task.CompletedTask; // Late results of an earlier generation.
        }

        // Every evaluation of a genome gives the same result, so the first report stands; later ones are dropped.
        var fresh = new List<FitnessReport>(reports.Count);
        foreach (var report in reports)
        {
            if (_byId.TryGetValue(report.GenomeId, out var entry) && entry.Report == null)
            {
                Complete(entry, report);
                fresh.Add(report);
            }
        }

        if (reports.Count > 0)
        {
            _sizer.Measured(reports.Count, seconds);
        }

        if (lease != null)
        {
            // Items of the lease the worker did not finish go back at once rather than when the lease expires.
            Release(lease);
        }

        PublishQueue();
        if (_open == 0)
        {
            HandOver();
        }
        else
        {
            ServeWaiting();
        }

        if (fresh.Count > 0)
        {
            // Written behind, after the hand-over: the reports go to the store in the background, coalesced with
            // whatever arrives while a write is in flight (one write per lease or per write's time, whichever is
            // longer), so a fast generation never waits on the store. A crash of this silo loses at most the reports
            // of the write in flight, and those genomes are evaluated again with the same result.
            _unwritten.Add((generation, fresh));
            if (!_writing)
            {
                _writing = true;
                _writer = WriteBehindAsync();
            }
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _waiting.EndAll();
        // Reports still being written go to the store before the queue goes away, unless the store hangs: then those
        // genomes are evaluated again after a crash, and the queue does not hold its calls hostage.
        if (_writer is { } writer)
        {
            await writer.WaitAsync(WriterGrace, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    public Task ReleaseAsync(string worker, long leaseId)
    {
        if (_leases.Remove(leaseId, out var lease) && lease.Worker == worker)
        {
            Release(lease);
            PublishQueue();
            ServeWaiting();
        }

        return Task.CompletedTask;
    }

    public Task<QueueProgress> GetProgressAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult(new QueueProgress(_generation, _entries.Count, _entries.Count - _open, Leased(now)));
    }

    public Task<GenerationDone?> GetReportsAsync(int generation) =>
        Task.FromResult(generation == _generation && _open == 0 ? Done() : null);

    public Task CloseAsync()
    {
        _entries.Clear();
        _byId.Clear();
        _leases.Clear();
        _generation = -1;
        _open = 0;
        _waiting.EndAll();
        PublishQueue();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    // Runs in this grain's context between its turns; it ends when nothing is left to write.
    private async Task WriteBehindAsync()
    {
        try
        {
            while (_unwritten.Count > 0)
            {
                // Everything queued since the last write goes in one write, whatever the number of generations.
                var batches = _unwritten.GroupBy(u => u.Generation).Select(g => new ReportBatch(g.Key, g.SelectMany(u => u.Reports).ToArray())).ToArray();
                _unwritten.Clear();
                try
                {
                    // Serialised and written on the pool, not in this grain's turns: the queue keeps handing out work.
                    // PreferFairness puts it behind the work already queued (the hand-over, the next lease) instead of
                    // first in line on this thread.
                    var runId = RunId;
                    await Task.Factory.StartNew(() => store.AppendReportsAsync(runId, batches), CancellationToken.None, TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
                }
                catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException)
                {
                    // The store stays away past its own retries: these genomes are evaluated again after a crash.
                    LogWriteFailed(logger, RunId, batches.Sum(b => b.Reports.Count), string.Join(", ", batches.Select(b => b.Generation)), ex.Message);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private WorkLease TryLease(string worker, int preferred, int max)
    {
        var now = time.GetUtcNow();
        _sizer.SawWorker(worker, now);
        if (_open == 0)
        {
            return WorkLease.None;
        }

        var size = _sizer.Size(_open, preferred, _settings.MaxLease > 0 ? Math.Min(max, _settings.MaxLease) : max, now);
        var lease = new Lease(_nextLease++, worker, now + _settings.LeaseDuration);
        var items = new List<WorkItem>(Math.Min(size, _open));
        foreach (var entry in _entries)
        {
            if (items.Count >= size)
            {
                break;
            }

            if (entry.Report != null || (entry.Lease is { } held && held.Expires > now))
            {
                continue;
            }

            if (entry.Attempts >= _settings.MaxAttempts)
            {
                Complete(entry, FitnessReport.ForFailure(entry.Item.Genome.Id, $"gave up after {entry.Attempts} attempts; the last lease (worker {entry.Lease?.Worker}) expired without a result", "(none)", "(none)", 0));
                continue;
            }

            entry.Attempts++;
            entry.Lease = lease;
            items.Add(entry.Item with { Attempt = entry.Attempts });
        }

        if (items.Count == 0)
        {
            if (_open == 0)
            {
                HandOver(); // The last open items were given up above.
            }

            return WorkLease.None;
        }

        _firstLease ??= now;
        _leases[lease.Id] = lease;
        PublishQueue();
        return new WorkLease(lease.Id, items);
    }

    // The reply is the waiting entry's task: the turn that opens the next generation (or gives items back) completes it,
    // and Orleans sends the answer from that very turn; the wait's own timer answers it when its time runs out.
    private Task<WorkLease> WaitForWork(string worker, int preferred, int max, TimeSpan wait) => _waiting.Add(worker, preferred, max, wait);

    // Hands open items to the waiting workers, first come first served; returns how many got work.
    private int ServeWaiting() => _waiting.Serve(() => _open > 0, TryLease, GiveBack);

    // A lease that never reached its worker: its items are open again.
    private void GiveBack(WorkLease given)
    {
        if (_leases.Remove(given.Id, out var lease))
        {
            Release(lease);
            PublishQueue();
        }
    }

    private void Complete(Entry entry, FitnessReport report)
    {
        entry.Report = report;
        entry.Lease = null;
        _open--;
    }

    private void Release(Lease lease)
    {
        foreach (var entry in _entries)
        {
            if (ReferenceEquals(entry.Lease, lease) && entry.Report == null)
            {
                entry.Lease = null;
                entry.Attempts--;
            }
        }
    }

    // One-way: the coordinator takes the generation's reports in its next turn; if this message is lost its safety-net
    // timer finds the generation complete and asks for them.
    private void HandOver() => (_run ??= GrainFactory.GetGrain<IRunGrain>(RunId)).GenerationDoneAsync(Done()).Ignore();

    private GenerationDone Done() =>
        new(_generation, _entries.Select(e => e.Report!).ToArray(), _firstLease is { } first ? (time.GetUtcNow() - first).TotalSeconds : 0);

    private int Leased(DateTimeOffset now) => _entries.Count(e => e.Report == null && e.Lease is { } lease && lease.Expires > now);

    private void PublishQueue() => EvoPruneTelemetry.SetQueue(_open, Leased(time.GetUtcNow()));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {Warning}")]
    private static partial void LogTornReport(ILogger logger, string runId, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: {Count} reports of generation(s) {Generations} could not be stored ({Reason}); after a crash those genomes are evaluated again")]
    private static partial void LogWriteFailed(ILogger logger, string runId, int count, string generations, string reason);

    private sealed class Entry(WorkItem item)
    {
        public WorkItem Item { get; } = item;

        public Lease? Lease { get; set; }

        public int Attempts { get; set; }

        public FitnessReport? Report { get; set; }
    }

    private sealed class Lease(long id, string worker, DateTimeOffset expires)
    {
        public long Id { get; } = id;

        public string Worker { get; } = worker;

        public DateTimeOffset Expires { get; set; } = expires;
    }
}
