using System.Text.Json;
using EvoPrune.Cluster.Kinds.Ensemble;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Ensembles.Fitness;
using EvoPrune.Ensembles.Fusion;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Ensembles.Search;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cli.Configuration;

/// <summary>
/// Reads the <c>search:</c> section of each genome kind into that kind's settings JSON (what <c>RunSpec.SettingsJson</c>
/// carries). A kind added to the engine adds its reader here.
/// </summary>
public static class KindSettingsReader
{
    private delegate string Reader(ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population);

    private static readonly Dictionary<string, Reader> Readers = new(StringComparer.Ordinal)
    {
        [SparseMaskKind.KindName] = SparseMask,
        [EnsembleKind.KindName] = Ensemble,
        [NeatKind.KindName] = Neat,
    };

    /// <summary>The kinds a config may name in <c>run.kind</c>.</summary>
    public static IReadOnlyCollection<string> Kinds => Readers.Keys;

    public static string Read(string kind, ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population) =>
        Readers[kind](search, data, model, training, population);

    private static string SparseMask(ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population)
    {
        search.EnsureAllKeysUsed(["density", "tournament", "crossover-rate", "mutation-rate", "elites"]);
        var settings = new SparseMaskSettings
        {
            Data = data,
            Model = model,
            Training = training,
            Density = search.GetDouble("density", 0.2, 1e-6, 1),
            TournamentSize = search.GetInt("tournament", 3, 1, population),
            CrossoverRate = search.GetDouble("crossover-rate", 0.9, 0, 1),
            MutationRate = search.GetDouble("mutation-rate", 0.01, 0, 1),
            Elites = search.GetInt("elites", 2, 0, population - 1),
        };
        return JsonSerializer.Serialize(settings, SparseMaskKind.Json);
    }

    private static string Ensemble(ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population)
    {
        search.EnsureAllKeysUsed(["algorithm", "pool", "members", "bootstrap", "fusion", "weighting", "lambda", "diversity", "truncation", "pbil-rate", "tournament", "crossover-rate", "mutation-rate", "elites"]);
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
            Data = data,
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
        return JsonSerializer.Serialize(settings, EnsembleKind.Json);
    }

    // The paper's parameter table is the default; a config overrides any of these.
    private static string Neat(ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population)
    {
        search.EnsureAllKeysUsed(["task", "feed-forward", "compatibility-threshold", "weight-coefficient", "add-node", "add-connection", "weight-mutation", "species-stagnation", "interspecies-mating"]);
        var defaults = new Evolution.Neat.NeatSettings();
        var task = search.GetChoice("task", "xor", NeatRunSettings.TaskNames.ToArray());
        var settings = new NeatRunSettings
        {
            Task = task,
            Data = task == NeatRunSettings.ClassificationTaskName ? data : null,
            Neat = defaults with
            {
                PopulationSize = population,
                FeedForward = search.GetBool("feed-forward", defaults.FeedForward),
                CompatibilityThreshold = search.GetDouble("compatibility-threshold", defaults.CompatibilityThreshold, 0.01, 100),
                WeightCoefficient = search.GetDouble("weight-coefficient", defaults.WeightCoefficient, 0, 100),
                AddNodeProbability = search.GetDouble("add-node", defaults.AddNodeProbability, 0, 1),
                AddConnectionProbability = search.GetDouble("add-connection", defaults.AddConnectionProbability, 0, 1),
                WeightMutationProbability = search.GetDouble("weight-mutation", defaults.WeightMutationProbability, 0, 1),
                SpeciesStagnationLimit = search.GetInt("species-stagnation", defaults.SpeciesStagnationLimit, 1, 10_000),
                InterspeciesMatingProbability = search.GetDouble("interspecies-mating", defaults.InterspeciesMatingProbability, 0, 1),
            },
        };
        return JsonSerializer.Serialize(settings, NeatKind.Json);
    }
}
