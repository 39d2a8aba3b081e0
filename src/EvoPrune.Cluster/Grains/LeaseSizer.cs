namespace EvoPrune.Cluster.Grains;

/// <summary>
/// How many items a lease holds, from the measured evaluation time: about <see cref="TargetSeconds"/> of work per
/// lease, shared fairly among the workers seen recently, and the whole rest of the generation to one worker when that
/// rest is less work than one lease (fewer round trips beat spreading microseconds over silos). Until the first
/// report of a run arrives the time is unknown and leases hold one item (or a batch evaluator's batch).
/// </summary>
internal sealed class LeaseSizer
{
    /// <summary>Work per lease the sizer aims at: long enough to hide a grain round trip, short enough to share out.</summary>
    public const double TargetSeconds = 0.05;

    private static readonly TimeSpan WorkerMemory = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, DateTimeOffset> _workers = new(StringComparer.Ordinal);
    private double? _secondsPerItem;

    /// <summary>Seconds per item as measured so far (a moving average; null before the first report).</summary>
    public double? SecondsPerItem => _secondsPerItem;

    public void SawWorker(string worker, DateTimeOffset now) => _workers[worker] = now;

    /// <summary>Records a completed lease: <paramref name="items"/> evaluated in <paramref name="seconds"/> of worker time.</summary>
    public void Measured(int items, double seconds)
    {
        var perItem = Math.Max(seconds, 0) / Math.Max(items, 1);
        _secondsPerItem = _secondsPerItem is { } previous ? (0.7 * previous) + (0.3 * perItem) : perItem;
    }

    /// <summary>The size of the next lease with <paramref name="open"/> items open.</summary>
    public int Size(int open, int preferred, int max, DateTimeOffset now)
    {
        max = Math.Max(1, max);
        preferred = Math.Clamp(preferred, 1, max);
        int size;
        if (_secondsPerItem is not { } perItem)
        {
            size = 1;
        }
        else if (open * perItem <= TargetSeconds)
        {
            size = open;
        }
        else
        {
            var byTime = perItem <= 0 ? open : (int)Math.Min(open, Math.Max(1, Math.Floor(TargetSeconds / perItem)));
            var fairShare = (int)Math.Ceiling(open / (double)Math.Max(1, ActiveWorkers(now)));
            size = Math.Min(byTime, fairShare);
        }

        return Math.Min(Math.Clamp(size, preferred, max), open);
    }

    private int ActiveWorkers(DateTimeOffset now)
    {
        foreach (var stale in _workers.Where(w => now - w.Value > WorkerMemory).Select(w => w.Key).ToArray())
        {
            _workers.Remove(stale);
        }

        return _workers.Count;
    }
}
