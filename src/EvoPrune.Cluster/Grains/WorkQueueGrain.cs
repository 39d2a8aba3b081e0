using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Telemetry;

namespace EvoPrune.Cluster.Grains;

/// <inheritdoc cref="IWorkQueueGrain" />
public sealed class WorkQueueGrain(IRunStore store, TimeProvider time) : Grain, IWorkQueueGrain
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
    private int _generation = -1;
    private TimeSpan _leaseDuration;
    private int _maxAttempts;

    private string RunId => this.GetPrimaryKeyString();

    public Task OpenGenerationAsync(int generation, IReadOnlyList<WorkItem> items, TimeSpan leaseDuration, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (generation == _generation)
        {
            return Task.CompletedTask;
        }

        _entries.Clear();
        _byId.Clear();
        _generation = generation;
        _leaseDuration = leaseDuration;
        _maxAttempts = maxAttempts;
        var done = store.LoadReports(RunId, generation).GroupBy(r => r.GenomeId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var item in items)
        {
            var entry = new Entry(item) { Report = done.GetValueOrDefault(item.Genome.Id) };
            _entries.Add(entry);
            _byId[item.Genome.Id] = entry;
        }

        PublishQueue();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WorkItem>> LeaseAsync(string worker, int max)
    {
        var now = time.GetUtcNow();
        var leased = new List<WorkItem>();
        foreach (var entry in _entries)
        {
            if (leased.Count >= max)
            {
                break;
            }

            if (entry.Report != null || (entry.Worker != null && entry.Expires > now))
            {
                continue;
            }

            if (entry.Attempts >= _maxAttempts)
            {
                Complete(entry, FitnessReport.ForFailure(entry.Item.Genome.Id, $"gave up after {entry.Attempts} attempts; the last lease (worker {entry.Worker}) expired without a result", "(none)", "(none)", 0));
                continue;
            }

            entry.Attempts++;
            entry.Worker = worker;
            entry.Expires = now + _leaseDuration;
            leased.Add(entry.Item with { Attempt = entry.Attempts });
        }

        if (leased.Count > 0)
        {
            PublishQueue();
        }

        return Task.FromResult<IReadOnlyList<WorkItem>>(leased);
    }

    public Task<bool> RenewAsync(string worker, int generation, string genomeId)
    {
        if (generation != _generation || !_byId.TryGetValue(genomeId, out var entry) || entry.Report != null || entry.Worker != worker)
        {
            return Task.FromResult(false);
        }

        entry.Expires = time.GetUtcNow() + _leaseDuration;
        return Task.FromResult(true);
    }

    public Task CompleteAsync(string worker, int generation, FitnessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Late results of an earlier generation, or of an item another worker already finished, are dropped: every
        // evaluation of a genome gives the same result, so the first one stands.
        if (generation == _generation && _byId.TryGetValue(report.GenomeId, out var entry) && entry.Report == null)
        {
            Complete(entry, report);
        }

        return Task.CompletedTask;
    }

    public Task<QueueProgress> GetProgressAsync()
    {
        var now = time.GetUtcNow();
        return Task.FromResult(new QueueProgress(
            _generation,
            _entries.Count,
            _entries.Count(e => e.Report != null),
            _entries.Count(e => e.Report == null && e.Worker != null && e.Expires > now)));
    }

    public Task<IReadOnlyList<FitnessReport>> GetReportsAsync(int generation)
    {
        if (generation != _generation || _entries.Any(e => e.Report == null))
        {
            throw new InvalidOperationException($"Run {RunId}: generation {generation} is not complete in the queue (holding generation {_generation}).");
        }

        return Task.FromResult<IReadOnlyList<FitnessReport>>(_entries.Select(e => e.Report!).ToArray());
    }

    public Task CloseAsync()
    {
        _entries.Clear();
        _byId.Clear();
        _generation = -1;
        PublishQueue();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private void Complete(Entry entry, FitnessReport report)
    {
        entry.Report = report;
        store.AppendReport(RunId, _generation, report);
        if (PublishQueue() == 0)
        {
            // One-way: the coordinator collects now instead of at its next tick.
            GrainFactory.GetGrain<IRunGrain>(RunId).WakeAsync().Ignore();
        }
    }

    // Publishes the queue gauges and returns the number of items still without a report.
    private int PublishQueue()
    {
        var now = time.GetUtcNow();
        var open = _entries.Count(e => e.Report == null);
        EvoPruneTelemetry.SetQueue(open, _entries.Count(e => e.Report == null && e.Worker != null && e.Expires > now));
        return open;
    }

    private sealed class Entry(WorkItem item)
    {
        public WorkItem Item { get; } = item;

        public string? Worker { get; set; }

        public DateTimeOffset Expires { get; set; }

        public int Attempts { get; set; }

        public FitnessReport? Report { get; set; }
    }
}
