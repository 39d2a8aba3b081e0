using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Data.Catalog;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;

namespace EvoPrune.Cluster.Kinds;

/// <summary>What every genome kind does the same way: read its settings JSON, check that its dataset can be found.</summary>
public static class KindSupport
{
    private const int ParsedCapacity = 256;

    /// <summary>The JSON form of every kind's settings in <see cref="RunSpec.SettingsJson"/>.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly ConcurrentDictionary<(Type Type, string RunId, string Json), object> Parsed = new();

    /// <summary>
    /// The typed settings of <paramref name="spec"/>, parsed once per run (run id and settings JSON) and then shared:
    /// grains and workers ask for them per genome, and settings records are immutable.
    /// </summary>
    public static TSettings ReadSettings<TSettings>(RunSpec spec, JsonSerializerOptions? options = null)
        where TSettings : class
    {
        ArgumentNullException.ThrowIfNull(spec);
        var key = (typeof(TSettings), spec.RunId, spec.SettingsJson);
        if (Parsed.TryGetValue(key, out var held))
        {
            return (TSettings)held;
        }

        var settings = JsonSerializer.Deserialize<TSettings>(spec.SettingsJson, options ?? Json)
            ?? throw new ArgumentException($"Run {spec.RunId}: the {spec.Kind} settings are empty.");
        if (Parsed.Count >= ParsedCapacity)
        {
            // A long-lived silo that served many runs: start over rather than grow without bound.
            Parsed.Clear();
        }

        return (TSettings)Parsed.GetOrAdd(key, settings);
    }

    /// <summary>Whether <paramref name="spec"/>'s settings are already parsed (for tests).</summary>
    public static bool IsParsed<TSettings>(RunSpec spec) => Parsed.ContainsKey((typeof(TSettings), spec?.RunId ?? string.Empty, spec?.SettingsJson ?? string.Empty));

    /// <summary>
    /// The architecture <paramref name="model"/> builds for <paramref name="data"/>, its input and class count taken from
    /// the catalog (static metadata and file headers) without loading the dataset; only a table whose catalog entry does
    /// not know its feature count, or a synthetic set, is loaded (once per silo, through <see cref="DataCache"/>).
    /// </summary>
    public static ArchitectureSpec Architecture(ModelSpec model, DataSpec data, ulong seed, IReadOnlyList<string> dataDirectories)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Dataset != DatasetCatalog.ManifoldName && DatasetCatalog.IsKnown(data.Dataset))
        {
            var info = new DatasetCatalog(new DatasetCatalogOptions { DataDirectories = dataDirectories.ToArray() }).Describe(data.Dataset);
            if (info.FeatureCount is { } features && info.ClassCount > 0)
            {
                var input = info.Shape is { } s ? new InputShape(s.Channels, s.Height, s.Width) : InputShape.Flat(features);
                return Architectures.Create(model.Architecture, input, info.ClassCount, model.Hidden);
            }
        }

        return model.Build(DataCache.Load(data, seed, dataDirectories).Train);
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
