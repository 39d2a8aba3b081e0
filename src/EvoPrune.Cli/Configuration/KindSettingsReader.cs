using System.Text.Json;
using EvoPrune.Cluster.Kinds.Activations;
using EvoPrune.Cluster.Kinds.Ensemble;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Cluster.Kinds.Pruning;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Ensembles.Fitness;
using EvoPrune.Ensembles.Fusion;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Ensembles.Search;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Pruning;
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
        [PruningKind.KindName] = Pruning,
        [ActivationKind.KindName] = Activations,
    };

    /// <summary>The kinds a config may name in <c>run.kind</c>.</summary>
    public static IReadOnlyCollection<string> Kinds => Readers.Keys;

    public static string Read(string kind, ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population) =>
        Readers[kind](search, data, model, training, population);

    private static string SparseMask(ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population)
    {
        search.EnsureAllKeysUsed(["density", "tournament", "crossover-rate", "mutation-rate", "elites", "criterion", "scope", "refine", "final-epochs", "population-batch"]);
        var density = search.GetDouble("density", 0.2, 1e-6, 1);
        SparseMaskRefinement? refine = null;
        if (search.Has("refine"))
        {
            var r = search.Section("refine");
            r.EnsureAllKeysUsed(["density", "epochs", "criterion", "every-steps"]);
            var refined = r.GetDouble("density", density / 2, 1e-6, 1);
            if (refined >= density)
            {
                throw r.ErrorAt("density", $"{refined} must be below the search density {density}: the refinement prunes further.");
            }

            refine = new SparseMaskRefinement
            {
                Density = refined,
                Epochs = r.GetInt("epochs", 1, 1, training.Epochs),
                Criterion = Drift(r, "criterion"),
                EverySteps = r.GetInt("every-steps", 0, 0, 1_000_000),
            };
        }

        var settings = new SparseMaskSettings
        {
            Data = data,
            Model = model,
            Training = training,
            Density = density,
            TournamentSize = search.GetInt("tournament", 3, 1, population),
            CrossoverRate = search.GetDouble("crossover-rate", 0.9, 0, 1),
            MutationRate = search.GetDouble("mutation-rate", 0.01, 0, 1),
            Elites = search.GetInt("elites", 2, 0, population - 1),
            Criterion = Criterion(search, "criterion", "validation-accuracy"),
            Scope = Scope(search),
            Refine = refine,
            FinalEpochs = search.GetInt("final-epochs", 0, 0, 100_000),
            PopulationBatch = search.GetInt("population-batch", 1, 1, 4096),
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

    private static readonly string[] KStartsCriteria = ["weight-magnitude", "gradient-accumulation", "combined", "validation-accuracy"];

    private static KStartsCriterion Criterion(ConfigSection search, string key, string defaultValue) => search.GetChoice(key, defaultValue, KStartsCriteria) switch
    {
        "weight-magnitude" => KStartsCriterion.WeightMagnitude,
        "gradient-accumulation" => KStartsCriterion.GradientAccumulation,
        "combined" => KStartsCriterion.Combined,
        _ => KStartsCriterion.ValidationAccuracy,
    };

    private static DriftCriterion Drift(ConfigSection search, string key) => search.GetChoice(key, "relative-drift", ["relative-drift", "absolute-drift", "gradient-accumulation"]) switch
    {
        "absolute-drift" => DriftCriterion.AbsoluteDrift,
        "gradient-accumulation" => DriftCriterion.GradientAccumulation,
        _ => DriftCriterion.RelativeDrift,
    };

    private static PruningScope Scope(ConfigSection search) =>
        search.GetChoice("scope", "per-layer", ["per-layer", "global"]) == "global" ? PruningScope.Global : PruningScope.PerLayer;

    /// <summary>The cells of a pruning comparison's settings JSON (its population size).</summary>
    /// <summary>The generations, populations and genomes per generation an activations run's settings imply.</summary>
    public static (int Generations, IReadOnlyList<string> Populations, int PopulationSize) ActivationShape(string settingsJson)
    {
        var settings = JsonSerializer.Deserialize<ActivationSettings>(settingsJson, EvoPrune.Cluster.Kinds.KindSupport.Json)!;
        var size = settings.Method == ActivationSettings.Standard ? settings.StandardFunctions.Count : Math.Max(2, settings.ChildrenPerGeneration);
        return (settings.Generations, settings.Populations, size);
    }

    private static string Activations(ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population)
    {
        search.EnsureAllKeysUsed(["method", "iterations", "lambda", "random-budget", "mutation", "cgp", "standard", "default", "mini-epochs", "final-epochs", "batch-size"]);
        var cgp = search.Section("cgp");
        cgp.EnsureAllKeysUsed(["rows", "columns", "levels-back"]);
        var standard = search.GetStringList("standard") ?? new ActivationSettings().StandardFunctions;
        foreach (var problem in standard.Select(ActivationNames.Problem).OfType<string>())
        {
            throw search.ErrorAt("standard", problem);
        }

        var fallback = search.GetString("default", "relu");
        if (ActivationNames.Problem(fallback) is { } fallbackProblem)
        {
            throw search.ErrorAt("default", fallbackProblem);
        }

        var settings = new ActivationSettings
        {
            Method = search.GetChoice("method", ActivationSettings.Coevolution, [.. ActivationSettings.Methods]),
            Iterations = search.GetInt("iterations", 5, 1, 100_000),
            Lambda = search.GetInt("lambda", 4, 1, 10_000),
            RandomBudget = search.GetChoice("random-budget", "equal", ["equal", "code-faithful"]),
            ActiveMutation = search.GetChoice("mutation", "active", ["active", "point"]) == "active",
            Rows = cgp.GetInt("rows", 5, 1, 100),
            Columns = cgp.GetInt("columns", 5, 1, 100),
            LevelsBack = cgp.GetInt("levels-back", 5, 1, 100),
            StandardFunctions = standard,
            Default = fallback,
            MiniEpochs = search.GetInt("mini-epochs", 3, 1, 10_000),
            FinalEpochs = search.GetInt("final-epochs", 30, 1, 100_000),
            BatchSize = search.GetInt("batch-size", 0, 0, 1 << 20),
            Data = data,
            Model = model,
            Training = training,
        };
        return JsonSerializer.Serialize(settings, EvoPrune.Cluster.Kinds.KindSupport.Json);
    }

    public static int PruningCells(string settingsJson) =>
        JsonSerializer.Deserialize<PruningSettings>(settingsJson, PruningKind.Json)!.Cells().Count;

    private static string Pruning(ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population)
    {
        search.EnsureAllKeysUsed([
            "methods", "sparsities", "seeds", "dense", "scope", "fine-tune-epochs", "snip-batch", "imp-rounds", "kstarts-starts", "kstarts-scoring-epochs",
            "kstarts-criterion", "kstarts-control", "dissipating-epochs", "dissipating-criterion", "dissipating-every-steps", "combination-start", "intrinsic-dimensions", "tolerance"]);
        var methods = search.GetStringList("methods") ?? ["random"];
        foreach (var method in methods.Where(m => !PruningMethods.Names.Contains(m)))
        {
            throw search.ErrorAt("methods", $"unknown pruning method '{method}'. Known: {string.Join(", ", PruningMethods.Names)}.");
        }

        var sparsities = search.GetDoubleList("sparsities", 1e-6, 1 - 1e-6) ?? [0.9];
        var seeds = search.GetIntList("seeds", 0) ?? [1];
        var dimensions = search.GetIntList("intrinsic-dimensions", 1, 4096);
        if (dimensions != null && data.Dataset != EvoPrune.Data.Catalog.DatasetCatalog.ManifoldName)
        {
            throw search.ErrorAt("intrinsic-dimensions", $"needs data.dataset: manifold (got '{data.Dataset}').");
        }

        var control = search.GetBool("kstarts-control", false);
        if (control && !methods.Any(m => m.StartsWith("kstarts", StringComparison.Ordinal)))
        {
            throw search.ErrorAt("kstarts-control", "applies to the kstarts methods, and search.methods has none.");
        }

        var scoringEpochs = search.GetInt("kstarts-scoring-epochs", KStartsOptions.DefaultScoringEpochs, 1, 1000);
        if (scoringEpochs > training.Epochs)
        {
            throw search.ErrorAt("kstarts-scoring-epochs", $"{scoringEpochs} exceeds training.epochs ({training.Epochs}).");
        }

        var settings = new PruningSettings
        {
            Data = data,
            Model = model,
            Training = training,
            Methods = methods,
            Sparsities = sparsities,
            Seeds = seeds.Select(s => (ulong)s).ToArray(),
            Dense = search.GetBool("dense", true),
            Scope = Scope(search),
            FineTuneEpochs = search.GetInt("fine-tune-epochs", MagnitudePruningOptions.DefaultFineTuneEpochs, 0, 1000),
            SnipBatch = search.GetInt("snip-batch", SnipOptions.DefaultBatchSize, 1, 100_000),
            ImpRounds = search.GetInt("imp-rounds", ImpOptions.DefaultRounds, 1, 100),
            KStartsStarts = search.GetInt("kstarts-starts", KStartsOptions.DefaultStarts, 1, 1000),
            KStartsScoringEpochs = scoringEpochs,
            KStartsCriterion = Criterion(search, "kstarts-criterion", "combined"),
            KStartsControl = control,
            DissipatingEpochs = search.GetInt("dissipating-epochs", 2, 1, 1000),
            DissipatingCriterion = Drift(search, "dissipating-criterion"),
            DissipatingEverySteps = search.GetInt("dissipating-every-steps", 0, 0, 1_000_000),
            CombinationStart = search.GetDouble("combination-start", 0.5, 0.01, 0.99),
            IntrinsicDimensions = dimensions,
            Tolerance = search.GetDouble("tolerance", 0.01, 0, 0.99),
        };
        return JsonSerializer.Serialize(settings, PruningKind.Json);
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
