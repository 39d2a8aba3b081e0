using System.Text.Json;
using System.Text.Json.Serialization;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Data.Catalog;

namespace EvoPrune.Cluster.Kinds;

/// <summary>What every genome kind does the same way: read its settings JSON, check that its dataset can be found.</summary>
public static class KindSupport
{
    /// <summary>The JSON form of every kind's settings in <see cref="RunSpec.SettingsJson"/>.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static TSettings ReadSettings<TSettings>(RunSpec spec)
        where TSettings : class
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JsonSerializer.Deserialize<TSettings>(spec.SettingsJson, Json)
            ?? throw new ArgumentException($"Run {spec.RunId}: the {spec.Kind} settings are empty.");
    }

    /// <summary>Throws <see cref="ArgumentException"/> saying where it looked if <paramref name="dataset"/> cannot be found.</summary>
    public static void EnsureDatasetFound(string dataset, IEnumerable<string> dataDirectories)
    {
        if (!DatasetCatalog.IsKnown(dataset))
        {
            throw new ArgumentException($"unknown dataset '{dataset}'. Known: {string.Join(", ", DatasetCatalog.Names)}.");
        }

        var catalog = new DatasetCatalog(new DatasetCatalogOptions { DataDirectories = dataDirectories.ToArray() });
        if (dataset != DatasetCatalog.ManifoldName && catalog.Locate(dataset) == null)
        {
            throw new ArgumentException(
                $"dataset '{dataset}' was not found in: {string.Join(", ", catalog.SearchDirectories.Select(d => d.Path))}. " +
                "Set EVOPRUNE_DATA or --data-dir to the folder that holds it (run 'evoprune datasets' to see what is found).");
        }
    }
}
