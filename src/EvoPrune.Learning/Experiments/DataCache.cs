using System.Collections.Concurrent;
using EvoPrune.Data;
using EvoPrune.Data.Catalog;
using EvoPrune.Learning.Training;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Experiments;

/// <summary>
/// Datasets loaded once per process and copied once per device: every evaluation on a silo shares them.
/// Keys are the data spec, seed and search folders, so different runs with the same data share too.
/// </summary>
public static class DataCache
{
    private static readonly ConcurrentDictionary<string, Lazy<DatasetSplits>> Splits = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<PreparedData>> Prepared = new(StringComparer.Ordinal);

    /// <summary>The splits of <paramref name="spec"/> (loaded on first use; errors name the dataset and folders searched).</summary>
    public static DatasetSplits Load(DataSpec spec, ulong seed, IReadOnlyList<string> dataDirectories)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dataDirectories);
        var key = Key(spec, seed, dataDirectories);
        var lazy = Splits.GetOrAdd(key, _ => new Lazy<DatasetSplits>(() =>
            new DatasetCatalog(new DatasetCatalogOptions { DataDirectories = dataDirectories.ToArray() }).Load(spec.Dataset, spec.ToLoadOptions(seed))));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Splits.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>The splits of <paramref name="spec"/> on <paramref name="device"/>.</summary>
    public static PreparedData Prepare(DataSpec spec, ulong seed, IReadOnlyList<string> dataDirectories, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var key = $"{Key(spec, seed, dataDirectories)}|{device}";
        var lazy = Prepared.GetOrAdd(key, _ => new Lazy<PreparedData>(() =>
        {
            var splits = Load(spec, seed, dataDirectories);
            return new PreparedData(splits, DeviceData.From(splits.Train, device), DeviceData.From(splits.Validation, device), DeviceData.From(splits.Test, device));
        }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Prepared.TryRemove(key, out _);
            throw;
        }
    }

    private static string Key(DataSpec spec, ulong seed, IReadOnlyList<string> dirs) => $"{spec}|{seed}|{string.Join(':', dirs)}";
}
