using System.Collections.Concurrent;
using EvoPrune.Data;
using EvoPrune.Data.Catalog;
using EvoPrune.Learning.Training;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Experiments;

/// <summary>
/// Datasets loaded once per process and copied once per device, shared by every evaluation that asks for the same
/// data spec, seed and search folders. Two ways to hold data:
/// <list type="bullet">
/// <item><see cref="Prepare"/> keeps the copy for the life of the process (commands, tests, benchmarks).</item>
/// <item><see cref="Lease"/> keeps it while a lease is open: the evaluators of a run hold leases and return them when
/// the run leaves the silo. A copy nobody leases waits among the <see cref="IdleCapacity"/> most recently returned
/// (so the next run on the same data reuses it) and is then disposed, so a silo serving many runs on different data
/// stays flat instead of keeping every dataset it has ever seen.</item>
/// </list>
/// Host splits (<see cref="Load"/>) are kept only while something holds them: the prepared copies do, and other
/// callers use them briefly, so they are reloaded from disk after every holder has gone.
/// </summary>
public static class DataCache
{
    /// <summary>Unleased device copies kept for reuse before the oldest is disposed.</summary>
    public const int IdleCapacity = 2;

    private static readonly ConcurrentDictionary<string, Lazy<PreparedData>> Pinned = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, object> LoadLocks = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, WeakReference<DatasetSplits>> Splits = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, LeasedEntry> Leased = new(StringComparer.Ordinal);
    private static readonly LinkedList<LeasedEntry> Idle = new();
    private static readonly object Gate = new();

    /// <summary>Device copies open for leases or waiting idle (for tests and diagnostics).</summary>
    public static int LeasedCount
    {
        get
        {
            lock (Gate)
            {
                return Leased.Count;
            }
        }
    }

    /// <summary>Whether the splits of <paramref name="spec"/> were ever loaded in this process (for tests and diagnostics).</summary>
    public static bool WasLoaded(DataSpec spec, ulong seed, IReadOnlyList<string> dataDirectories)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dataDirectories);
        var key = Key(spec, seed, dataDirectories);
        lock (Splits)
        {
            return Splits.ContainsKey(key);
        }
    }

    /// <summary>The splits of <paramref name="spec"/> (loaded on first use; errors name the dataset and folders searched).</summary>
    public static DatasetSplits Load(DataSpec spec, ulong seed, IReadOnlyList<string> dataDirectories)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dataDirectories);
        var key = Key(spec, seed, dataDirectories);
        lock (LoadLocks.GetOrAdd(key, _ => new object()))
        {
            lock (Splits)
            {
                if (Splits.TryGetValue(key, out var weak) && weak.TryGetTarget(out var held))
                {
                    return held;
                }
            }

            var splits = new DatasetCatalog(new DatasetCatalogOptions { DataDirectories = dataDirectories.ToArray() }).Load(spec.Dataset, spec.ToLoadOptions(seed));
            lock (Splits)
            {
                Splits[key] = new WeakReference<DatasetSplits>(splits);
            }

            return splits;
        }
    }

    /// <summary>The splits of <paramref name="spec"/> on <paramref name="device"/>, kept for the life of the process.</summary>
    public static PreparedData Prepare(DataSpec spec, ulong seed, IReadOnlyList<string> dataDirectories, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var key = PreparedKey(spec, seed, dataDirectories, device);
        var lazy = Pinned.GetOrAdd(key, _ => new Lazy<PreparedData>(() => Copy(spec, seed, dataDirectories, device)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Pinned.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>
    /// The splits of <paramref name="spec"/> on <paramref name="device"/> for as long as the returned lease is open
    /// (a copy <see cref="Prepare"/> already keeps is shared instead). Dispose the lease when done with the data.
    /// </summary>
    public static DataLease Lease(DataSpec spec, ulong seed, IReadOnlyList<string> dataDirectories, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var key = PreparedKey(spec, seed, dataDirectories, device);
        if (Pinned.TryGetValue(key, out var pinned) && pinned.IsValueCreated)
        {
            return new DataLease(pinned.Value, null);
        }

        LeasedEntry entry;
        lock (Gate)
        {
            if (!Leased.TryGetValue(key, out entry!))
            {
                entry = new LeasedEntry(key, new Lazy<PreparedData>(() => Copy(spec, seed, dataDirectories, device)));
                Leased[key] = entry;
            }
            else if (entry.IdleNode != null)
            {
                Idle.Remove(entry.IdleNode);
                entry.IdleNode = null;
            }

            entry.Leases++;
        }

        try
        {
            return new DataLease(entry.Data.Value, entry);
        }
        catch
        {
            // A failed load is not cached: the next lease tries again (and reports the error again).
            lock (Gate)
            {
                entry.Leases--;
                if (Leased.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    Leased.Remove(key);
                }
            }

            throw;
        }
    }

    internal static void Return(LeasedEntry entry)
    {
        List<LeasedEntry> evicted = [];
        lock (Gate)
        {
            if (--entry.Leases > 0)
            {
                return;
            }

            entry.IdleNode = Idle.AddLast(entry);
            while (Idle.Count > IdleCapacity)
            {
                var oldest = Idle.First!.Value;
                Idle.RemoveFirst();
                oldest.IdleNode = null;
                Leased.Remove(oldest.Key);
                evicted.Add(oldest);
            }
        }

        foreach (var old in evicted.Where(e => e.Data.IsValueCreated))
        {
            old.Data.Value.Train.Dispose();
            old.Data.Value.Validation.Dispose();
            old.Data.Value.Test.Dispose();
        }

        if (evicted.Count > 0)
        {
            // The evicted splits are large-object-heap arrays, which only a full collection frees; without one a
            // silo's memory keeps the garbage of every dataset it has dropped until the GC happens to run. Rare:
            // once per run leaving a silo beyond the idle capacity.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private static PreparedData Copy(DataSpec spec, ulong seed, IReadOnlyList<string> dataDirectories, Device device)
    {
        var splits = Load(spec, seed, dataDirectories);
        return new PreparedData(splits, DeviceData.From(splits.Train, device), DeviceData.From(splits.Validation, device), DeviceData.From(splits.Test, device));
    }

    /// <summary>What makes two requests the same data: spec, seed, search folders and device.</summary>
    internal static string PreparedKey(DataSpec spec, ulong seed, IReadOnlyList<string> dirs, Device device)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dirs);
        return $"{Key(spec, seed, dirs)}|{device}";
    }

    private static string Key(DataSpec spec, ulong seed, IReadOnlyList<string> dirs) => $"{spec}|{seed}|{string.Join(':', dirs)}";

    internal sealed class LeasedEntry(string key, Lazy<PreparedData> data)
    {
        public string Key { get; } = key;

        public Lazy<PreparedData> Data { get; } = data;

        public int Leases { get; set; }

        public LinkedListNode<LeasedEntry>? IdleNode { get; set; }
    }
}

/// <summary>A hold on one dataset's device copy (<see cref="DataCache.Lease"/>); disposing it returns the hold once.</summary>
public sealed class DataLease : IDisposable
{
    private readonly DataCache.LeasedEntry? _entry;
    private int _returned;

    internal DataLease(PreparedData data, DataCache.LeasedEntry? entry)
    {
        Data = data;
        _entry = entry;
    }

    public PreparedData Data { get; }

    public void Dispose()
    {
        if (_entry != null && Interlocked.Exchange(ref _returned, 1) == 0)
        {
            DataCache.Return(_entry);
        }
    }
}
