using System.Text.Json;
using EvoPrune.Cluster.Kinds.Ensemble;
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
}
