using System.Collections.Concurrent;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Experiments;

/// <summary>
/// The data one evaluator uses, leased from <see cref="DataCache"/> on first use (one lease per data spec, seed, search
/// folders and device) and returned together when the evaluator is disposed, i.e. when its run leaves the silo.
/// </summary>
public sealed class DataLeases : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<DataLease>> _leases = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>The splits of <paramref name="spec"/> on <paramref name="device"/>, leased until this object is disposed.</summary>
    public PreparedData Prepare(DataSpec spec, ulong seed, IReadOnlyList<string> dataDirectories, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var key = DataCache.PreparedKey(spec, seed, dataDirectories, device);
        var lazy = _leases.GetOrAdd(key, _ => new Lazy<DataLease>(() => DataCache.Lease(spec, seed, dataDirectories, device)));
        try
        {
            return lazy.Value.Data;
        }
        catch
        {
            _leases.TryRemove(key, out _);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var lease in _leases.Values.Where(l => l.IsValueCreated))
        {
            lease.Value.Dispose();
        }

        _leases.Clear();
    }
}
