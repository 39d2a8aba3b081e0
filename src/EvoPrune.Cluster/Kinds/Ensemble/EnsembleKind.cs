using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Ensembles.Fitness;
using EvoPrune.Ensembles.Fusion;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Ensembles.Search;
using EvoPrune.Evolution.Genomes;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Kinds.Ensemble;

/// <summary>
/// The "ensemble" genome kind (CIF-E): a genome is a bit vector over a pool of trained classifiers; the search is
/// UMDA (or PBIL, GA, random); fitness is the fused accuracy of the selected members on the selection split.
/// </summary>
public sealed class EnsembleKind(IOptions<EngineOptions> engine) : GenomeKind<EnsembleSettings>(KindName, engine)
{
    public const string KindName = "ensemble";

    private static readonly string[] SearchKeys = ["algorithm", "pool", "members", "bootstrap", "fusion", "weighting", "lambda", "diversity", "truncation", "pbil-rate", "tournament", "crossover-rate", "mutation-rate", "elites"];

    /// <summary>The JSON form of this kind's settings.</summary>
    public static JsonSerializerOptions Json => KindSupport.Json;

    public static EnsembleSettings ReadSettings(RunSpec spec) => KindSupport.ReadSettings<EnsembleSettings>(spec);

    protected override (EnsembleSettings Settings, RunShape Shape) ReadSearch(KindConfigSource source)
    {
        var search = source.Search;
        var population = source.Population;
        search.EnsureAllKeysUsed(SearchKeys);
        var members = search.GetStringList("members")
            ?? (search.GetChoice("pool", "default", ["default", "small"]) == "small" ? BaseClassifiers.Small : BaseClassifiers.Default);
        foreach (var member in members)
        {
            try
            {
                _ = BaseClassifiers.Create(member);
            }
            catch (ArgumentException ex)
            {
                throw search.ErrorAt("members", ex.Message);
            }
        }

        var settings = new EnsembleSettings
        {
            Data = source.Data,
            Pool = new PoolSpec { Members = members, BootstrapReplicas = search.GetInt("bootstrap", 0, 0, 100) },
            Algorithm = search.GetChoice("algorithm", "umda", SubsetSearches.Names.ToArray()),
            Fitness = new FitnessOptions
            {
                Fusion = search.GetChoice("fusion", "majority", ["majority", "weighted"]) == "weighted" ? FusionRule.WeightedAverage : FusionRule.MajorityVote,
                Weighting = search.GetChoice("weighting", "uniform", ["uniform", "accuracy"]) == "accuracy" ? MemberWeighting.SelectionAccuracy : MemberWeighting.Uniform,
                Lambda = search.GetDouble("lambda", 0, 0, 10),
                Diversity = search.GetChoice("diversity", "disagreement", ["disagreement", "double-fault", "q-statistic"]) switch
                {
                    "double-fault" => DiversityMeasure.DoubleFault,
                    "q-statistic" => DiversityMeasure.QStatistic,
                    _ => DiversityMeasure.Disagreement,
                },
            },
            Search = new SearchOptions
            {
                Truncation = search.GetDouble("truncation", SearchOptions.DefaultTruncation, 0.01, 1),
                PbilLearningRate = search.GetDouble("pbil-rate", SearchOptions.DefaultPbilLearningRate, 0.001, 1),
                TournamentSize = search.GetInt("tournament", 2, 1, population),
                CrossoverRate = search.GetDouble("crossover-rate", 0.9, 0, 1),
                MutationRate = search.Has("mutation-rate") ? search.GetDouble("mutation-rate", 0.05, 0, 1) : null,
                Elites = search.GetInt("elites", 1, 0, population - 1),
            },
        };
        return (settings, source.RequestedShape());
    }

    protected override void Validate(RunSpec spec, EnsembleSettings settings)
    {
        if (spec.PopulationSize < 2 || spec.Generations < 1)
        {
            throw new ArgumentException($"population must be at least 2 and generations at least 1 (got {spec.PopulationSize} and {spec.Generations}).");
        }

        settings.Validate();
        KindSupport.EnsureDatasetFound(settings.Data.Dataset, DataDirectories);
    }

    protected override IPopulationStrategy CreateStrategy(RunSpec spec, EnsembleSettings settings) => new EnsembleStrategy(spec, settings);

    protected override IGenomeEvaluator CreateEvaluator(RunSpec spec, EnsembleSettings settings, EvaluationHost host) => new EnsembleEvaluator(spec, settings, host);

    public override string Summarize(RunSpec spec, GenomeRecord genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var names = PoolMemberNames(Settings(spec));
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
