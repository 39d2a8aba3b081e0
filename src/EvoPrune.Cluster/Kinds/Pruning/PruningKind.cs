using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Workers;
using EvoPrune.Data.Catalog;
using EvoPrune.Learning.Pruning;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Kinds.Pruning;

/// <summary>
/// The "pruning" genome kind: a comparison of pruning methods (random, magnitude, SNIP, IMP and its re-init control,
/// dissipating gradients, K-starts and the combination) over sparsities and seeds, one cell per genome, one generation.
/// </summary>
public sealed class PruningKind(IOptions<EngineOptions> engine) : GenomeKind<PruningSettings>(KindName, engine)
{
    public const string KindName = "pruning";

    private static readonly string[] SearchKeys =
    [
        "methods", "sparsities", "seeds", "dense", "scope", "fine-tune-epochs", "snip-batch", "imp-rounds", "kstarts-starts", "kstarts-scoring-epochs",
        "kstarts-criterion", "kstarts-control", "dissipating-epochs", "dissipating-criterion", "dissipating-every-steps", "combination-start", "intrinsic-dimensions", "tolerance",
    ];

    /// <summary>Score of a K-starts cell under <see cref="PruningSettings.KStartsControl"/>: the mean test accuracy of its k starts trained to the end.</summary>
    public const string StartsMeanTestAccuracyScore = "starts_mean_test_accuracy";

    /// <summary>Score of every cell: multiply-accumulates per sample of its network once compacted.</summary>
    public const string CompactedMacsScore = "compacted_macs";

    /// <summary>Batch sizes at which every cell's network is timed in ONNX Runtime.</summary>
    public static readonly IReadOnlyList<int> InferenceBatches = [1, 256];

    public static JsonSerializerOptions Json => KindSupport.Json;

    /// <summary>Score of every cell: ONNX Runtime samples per second of its masked graph (the dense shapes) at <paramref name="batch"/>.</summary>
    public static string MaskedSamplesScore(int batch) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"onnx_masked_samples_per_s_b{batch}");

    /// <summary>Score of every cell: ONNX Runtime samples per second of its compacted graph at <paramref name="batch"/>.</summary>
    public static string CompactedSamplesScore(int batch) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"onnx_compacted_samples_per_s_b{batch}");

    public static PruningSettings ReadSettings(RunSpec spec) => KindSupport.ReadSettings<PruningSettings>(spec);

    /// <summary>A comparison is one generation whose population is its grid: both follow from the search section.</summary>
    protected override (PruningSettings Settings, RunShape Shape) ReadSearch(KindConfigSource source)
    {
        source.RefuseRunKeys(["generations", "population"], "a pruning run has one generation of one genome per grid cell; leave generations and population out.");
        var search = source.Search;
        var training = source.Training;
        search.EnsureAllKeysUsed(SearchKeys);
        var methods = search.GetStringList("methods") ?? ["random"];
        foreach (var method in methods.Where(m => !PruningMethods.Names.Contains(m)))
        {
            throw search.ErrorAt("methods", $"unknown pruning method '{method}'. Known: {string.Join(", ", PruningMethods.Names)}.");
        }

        var sparsities = search.GetDoubleList("sparsities", 1e-6, 1 - 1e-6) ?? [0.9];
        var seeds = search.GetIntList("seeds", 0) ?? [1];
        var dimensions = search.GetIntList("intrinsic-dimensions", 1, 4096);
        if (dimensions != null && source.Data.Dataset != DatasetCatalog.ManifoldName)
        {
            throw search.ErrorAt("intrinsic-dimensions", $"needs data.dataset: manifold (got '{source.Data.Dataset}').");
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
            Data = source.Data,
            Model = source.Model,
            Training = training,
            Methods = methods,
            Sparsities = sparsities,
            Seeds = seeds.Select(s => (ulong)s).ToArray(),
            Dense = search.GetBool("dense", true),
            Scope = SearchChoices.Scope(search),
            FineTuneEpochs = search.GetInt("fine-tune-epochs", MagnitudePruningOptions.DefaultFineTuneEpochs, 0, 1000),
            SnipBatch = search.GetInt("snip-batch", SnipOptions.DefaultBatchSize, 1, 100_000),
            ImpRounds = search.GetInt("imp-rounds", ImpOptions.DefaultRounds, 1, 100),
            KStartsStarts = search.GetInt("kstarts-starts", KStartsOptions.DefaultStarts, 1, 1000),
            KStartsScoringEpochs = scoringEpochs,
            KStartsCriterion = SearchChoices.Criterion(search, "kstarts-criterion", "combined"),
            KStartsControl = control,
            DissipatingEpochs = search.GetInt("dissipating-epochs", 2, 1, 1000),
            DissipatingCriterion = SearchChoices.Drift(search, "dissipating-criterion"),
            DissipatingEverySteps = search.GetInt("dissipating-every-steps", 0, 0, 1_000_000),
            CombinationStart = search.GetDouble("combination-start", 0.5, 0.01, 0.99),
            IntrinsicDimensions = dimensions,
            Tolerance = search.GetDouble("tolerance", 0.01, 0, 0.99),
        };
        return (settings, new RunShape(1, settings.Cells().Count, source.Populations()));
    }

    protected override void Validate(RunSpec spec, PruningSettings settings)
    {
        settings.Validate();
        if (spec.Generations != 1)
        {
            throw new ArgumentException($"a pruning comparison runs one generation (got {spec.Generations}).");
        }

        var cells = settings.Cells().Count;
        if (spec.PopulationSize != cells)
        {
            throw new ArgumentException($"the population must be the grid's {cells} cells (got {spec.PopulationSize}).");
        }

        KindSupport.EnsureDatasetFound(settings.Data.Dataset, DataDirectories);
    }

    protected override IPopulationStrategy CreateStrategy(RunSpec spec, PruningSettings settings) => new PruningStrategy(settings);

    protected override IGenomeEvaluator CreateEvaluator(RunSpec spec, PruningSettings settings, EvaluationHost host) => new PruningEvaluator(spec, settings, host);

    public override string Summarize(RunSpec spec, GenomeRecord genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        return PruningCell.FromPayload(genome.Payload).ToString();
    }

    /// <summary>The comparison's report (<see cref="PruningRunReport"/>), from the cells of the last checkpoint.</summary>
    public override Task<IReadOnlyList<string>> WriteReportsAsync(RunSpec spec, Checkpoint last, IRunStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(last);
        return PruningRunReport.WriteAsync(store, spec, last.Populations.SelectMany(p => p.Members).ToArray(), cancellationToken);
    }
}
