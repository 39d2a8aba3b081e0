using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
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

    /// <summary>The JSON form of this kind's settings.</summary>
    public static JsonSerializerOptions Json => KindSupport.Json;

    public string Name => KindName;

    public static EnsembleSettings ReadSettings(RunSpec spec) => KindSupport.ReadSettings<EnsembleSettings>(spec);

    public void Validate(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.PopulationSize < 2 || spec.Generations < 1)
        {
            throw new ArgumentException($"population must be at least 2 and generations at least 1 (got {spec.PopulationSize} and {spec.Generations}).");
        }

        var settings = ReadSettings(spec);
        settings.Validate();
        KindSupport.EnsureDatasetFound(settings.Data.Dataset, engine.Value.DataDirectories);
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
