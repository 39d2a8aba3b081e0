using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Data.Catalog;
using EvoPrune.Evolution.Genomes;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Kinds.Ensemble;

/// <summary>
/// The "ensemble" genome kind (CIF-E): a genome is a bit vector over a pool of trained classifiers; the search is
/// UMDA (or PBIL, GA, random); fitness is the fused accuracy of the selected members on the selection split.
/// </summary>
public sealed class EnsembleKind(IOptions<EngineOptions> engine) : IGenomeKind
{
    public const string KindName = "ensemble";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Name => KindName;

    public static EnsembleSettings ReadSettings(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JsonSerializer.Deserialize<EnsembleSettings>(spec.SettingsJson, Json)
            ?? throw new ArgumentException($"Run {spec.RunId}: ensemble settings are empty.");
    }

    public void Validate(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.PopulationSize < 2 || spec.Generations < 1)
        {
            throw new ArgumentException($"population must be at least 2 and generations at least 1 (got {spec.PopulationSize} and {spec.Generations}).");
        }

        var settings = ReadSettings(spec);
        settings.Validate();
        var catalog = new DatasetCatalog(new DatasetCatalogOptions { DataDirectories = engine.Value.DataDirectories.ToArray() });
        if (settings.Data.Dataset != DatasetCatalog.ManifoldName && catalog.Locate(settings.Data.Dataset) == null)
        {
            throw new ArgumentException(
                $"dataset '{settings.Data.Dataset}' was not found in: {string.Join(", ", catalog.SearchDirectories.Select(d => d.Path))}. " +
                "Set EVOPRUNE_DATA or --data-dir to the folder that holds it (run 'evoprune datasets' to see what is found).");
        }
    }

    public IPopulationStrategy CreateStrategy(RunSpec spec) => new EnsembleStrategy(spec, ReadSettings(spec));

    public IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host) => new EnsembleEvaluator(spec, ReadSettings(spec), host);

    public string Summarize(RunSpec spec, GenomeRecord genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var settings = ReadSettings(spec);
        var names = PoolMemberNames(settings);
        var mask = MaskPacking.UnpackBytes(genome.Payload, names.Count);
        var chosen = names.Where((_, i) => mask[i]).ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{chosen.Length} of {names.Count}: {string.Join(" ", chosen)}");
    }

    /// <summary>The pool's member names in order (bootstrap replicas numbered), without training anything.</summary>
    public static IReadOnlyList<string> PoolMemberNames(EnsembleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Enumerable.Range(0, 1 + settings.Pool.BootstrapReplicas)
            .SelectMany(r => settings.Pool.Members.Select(m => r == 0 ? m : string.Create(CultureInfo.InvariantCulture, $"{m}#b{r}")))
            .ToArray();
    }
}
