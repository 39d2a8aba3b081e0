using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Workers;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Kinds.Pruning;

/// <summary>
/// The "pruning" genome kind: a comparison of pruning methods (random, magnitude, SNIP, IMP and its re-init control,
/// dissipating gradients, K-starts and the combination) over sparsities and seeds, one cell per genome, one generation.
/// </summary>
public sealed class PruningKind(IOptions<EngineOptions> engine) : IGenomeKind
{
    public const string KindName = "pruning";

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

    public string Name => KindName;

    public static PruningSettings ReadSettings(RunSpec spec) => KindSupport.ReadSettings<PruningSettings>(spec);

    public void Validate(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var settings = ReadSettings(spec);
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

        KindSupport.EnsureDatasetFound(settings.Data.Dataset, engine.Value.DataDirectories);
    }

    public IPopulationStrategy CreateStrategy(RunSpec spec) => new PruningStrategy(ReadSettings(spec));

    public IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host) => new PruningEvaluator(spec, ReadSettings(spec), host);

    public string Summarize(RunSpec spec, GenomeRecord genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        return PruningCell.FromPayload(genome.Payload).ToString();
    }

    /// <summary>The comparison's report (<see cref="PruningRunReport"/>), from the cells of the last checkpoint.</summary>
    public Task<IReadOnlyList<string>> WriteReportsAsync(RunSpec spec, Checkpoint last, IRunStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(last);
        return PruningRunReport.WriteAsync(store, spec, last.Populations.SelectMany(p => p.Members).ToArray(), cancellationToken);
    }
}
