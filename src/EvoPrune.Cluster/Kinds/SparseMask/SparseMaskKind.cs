using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Kinds.SparseMask;

/// <summary>The "sparse-mask" genome kind: a GA over per-layer keep masks, fitness = validation accuracy after short training.</summary>
public sealed class SparseMaskKind(IOptions<EngineOptions> engine) : GenomeKind<SparseMaskSettings>(KindName, engine)
{
    public const string KindName = "sparse-mask";

    private static readonly string[] SearchKeys = ["density", "tournament", "crossover-rate", "mutation-rate", "elites", "criterion", "scope", "refine", "final-epochs", "population-batch"];

    /// <summary>The JSON form of this kind's settings.</summary>
    public static JsonSerializerOptions Json => KindSupport.Json;

    private readonly ConcurrentDictionary<string, (ArchitectureSpec Architecture, MaskLayout Layout)> _shapes = new(StringComparer.Ordinal);

    /// <summary>Every genome of a run starts from this initialisation...</summary>
    public static Evolution.Randomness.RandomKey InitKey(RunSpec spec) => new(spec?.Seed ?? throw new ArgumentNullException(nameof(spec)), -1, -1, "init");

    /// <summary>...and sees the minibatches in this order, so its fitness depends on its mask alone.</summary>
    public static Evolution.Randomness.RandomKey ShuffleKey(RunSpec spec) => new(spec?.Seed ?? throw new ArgumentNullException(nameof(spec)), -1, -1, "shuffle");

    public static SparseMaskSettings ReadSettings(RunSpec spec) => KindSupport.ReadSettings<SparseMaskSettings>(spec);

    protected override (SparseMaskSettings Settings, RunShape Shape) ReadSearch(KindConfigSource source)
    {
        var search = source.Search;
        var population = source.Population;
        search.EnsureAllKeysUsed(SearchKeys);
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
                Epochs = r.GetInt("epochs", 1, 1, source.Training.Epochs),
                Criterion = SearchChoices.Drift(r, "criterion"),
                EverySteps = r.GetInt("every-steps", 0, 0, 1_000_000),
            };
        }

        var settings = new SparseMaskSettings
        {
            Data = source.Data,
            Model = source.Model,
            Training = source.Training,
            Density = density,
            TournamentSize = search.GetInt("tournament", 3, 1, population),
            CrossoverRate = search.GetDouble("crossover-rate", 0.9, 0, 1),
            MutationRate = search.GetDouble("mutation-rate", 0.01, 0, 1),
            Elites = search.GetInt("elites", 2, 0, population - 1),
            Criterion = SearchChoices.Criterion(search, "criterion", "validation-accuracy"),
            Scope = SearchChoices.Scope(search),
            Refine = refine,
            FinalEpochs = search.GetInt("final-epochs", 0, 0, 100_000),
            PopulationBatch = search.GetInt("population-batch", 1, 1, 4096),
        };
        return (settings, source.RequestedShape());
    }

    protected override void Validate(RunSpec spec, SparseMaskSettings settings)
    {
        if (spec.PopulationSize < 2)
        {
            throw new ArgumentException($"population size must be at least 2 (got {spec.PopulationSize}).");
        }

        if (spec.Generations < 1)
        {
            throw new ArgumentException($"generations must be at least 1 (got {spec.Generations}).");
        }

        settings.Validate(spec.PopulationSize);
        if (settings.FinalEpochs > 0 && spec.Generations < 2)
        {
            throw new ArgumentException($"final-epochs trains the winner in the last generation, so the run needs at least 2 generations (got {spec.Generations}).");
        }

        KindSupport.EnsureDatasetFound(settings.Data.Dataset, DataDirectories);

        var (architecture, _) = Shapes(spec);
        if (settings.PopulationBatch > 1 && architecture.Layers.Any(l => l.Kind != LayerKind.Linear))
        {
            throw new ArgumentException($"population-batch needs an architecture of linear layers (mlp, lenet300-100); '{architecture.Name}' has convolutions.");
        }
    }

    protected override IPopulationStrategy CreateStrategy(RunSpec spec, SparseMaskSettings settings) => new SparseMaskStrategy(spec, settings, Shapes(spec).Layout);

    protected override IGenomeEvaluator CreateEvaluator(RunSpec spec, SparseMaskSettings settings, EvaluationHost host)
    {
        var (architecture, layout) = Shapes(spec);
        return new SparseMaskEvaluator(spec, settings, architecture, layout, host);
    }

    public override string Summarize(RunSpec spec, GenomeRecord genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var (architecture, layout) = Shapes(spec);
        // Counted on the packed words: a summary per generation need not unpack a mask of 100,000s of weights.
        var kept = MaskWords.Count(MaskWords.FromBytes(layout, genome.Payload), 0, layout.TotalLength);
        var density = (double)kept / layout.TotalLength;
        var refine = Settings(spec).Refine;
        return string.Create(CultureInfo.InvariantCulture, $"{architecture.Name}, kept {kept}/{layout.TotalLength} ({density:P1}){(refine == null ? string.Empty : $", refined to {refine.Density:P1}")}");
    }

    /// <summary>The architecture of the run and the per-layer keep masks of <paramref name="genome"/> (for inspection and export).</summary>
    public (ArchitectureSpec Architecture, IReadOnlyList<bool[]> Masks) Decode(RunSpec spec, GenomeRecord genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var (architecture, layout) = Shapes(spec);
        return (architecture, LayerMasks(layout, genome));
    }

    /// <summary>
    /// Trains <paramref name="genome"/>'s network exactly as its evaluation did (same initialisation, batch order and
    /// settings) and returns it with its report; the weights equal those the fitness was measured on.
    /// </summary>
    public (MaskedNetwork Network, TrainingReport Report) Retrain(RunSpec spec, GenomeRecord genome, TorchSharp.torch.Device device)
    {
        var settings = Settings(spec);
        var (architecture, masks) = Decode(spec, genome);
        var data = DataCache.Prepare(settings.Data, spec.Seed, DataDirectories, device);
        return TrainMasked(spec, settings, architecture, masks, data, new Trainer(settings.Training), data.Test, default);
    }

    /// <summary>The per-layer keep masks a genome's payload encodes.</summary>
    internal static bool[][] LayerMasks(MaskLayout layout, GenomeRecord genome)
    {
        var mask = MaskGenome.FromPackedBytes(layout, genome.Payload);
        return Enumerable.Range(0, layout.LayerCount).Select(l => mask.LayerBits(l).ToArray()).ToArray();
    }

    /// <summary>
    /// Builds and trains the run's network under <paramref name="masks"/>: the one place the run's initialisation and
    /// batch order are applied, so evaluation and export train identically. The caller disposes the network.
    /// </summary>
    internal static (MaskedNetwork Network, TrainingReport Report) TrainMasked(
        RunSpec spec, SparseMaskSettings settings, ArchitectureSpec architecture, IReadOnlyList<bool[]> masks, PreparedData data, Trainer trainer, DeviceData? test, CancellationToken cancellationToken)
    {
        var network = new MaskedNetwork(architecture, settings.Model.Activations, masks, InitKey(spec), data.Train.Features.device, settings.Model.Init);
        try
        {
            return (network, trainer.Train(network, data.Train, data.Validation, test, ShuffleKey(spec), cancellationToken: cancellationToken));
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    // The architecture needs the data's shape, which the catalog knows without loading the dataset.
    private (ArchitectureSpec Architecture, MaskLayout Layout) Shapes(RunSpec spec) =>
        _shapes.GetOrAdd(spec.RunId, _ =>
        {
            var settings = Settings(spec);
            var architecture = KindSupport.Architecture(settings.Model, settings.Data, spec.Seed, DataDirectories);
            return (architecture, new MaskLayout(architecture.Describe().Select(l => checked((int)l.Weights))));
        });
}
