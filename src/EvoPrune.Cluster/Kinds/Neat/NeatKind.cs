using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Evolution.Neat;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Kinds.Neat;

/// <summary>The "neat" genome kind: NeuroEvolution of Augmenting Topologies on a control or logic task.</summary>
public sealed class NeatKind(IOptions<EngineOptions> engine) : GenomeKind<NeatRunSettings>(KindName, engine)
{
    public const string KindName = "neat";

    private static readonly string[] SearchKeys = ["task", "feed-forward", "compatibility-threshold", "weight-coefficient", "add-node", "add-connection", "weight-mutation", "species-stagnation", "interspecies-mating"];

    /// <summary>Genomes, snapshots and settings as JSON (the best fitness is −∞ before the first generation).</summary>
    public static readonly JsonSerializerOptions Json = new(KindSupport.Json) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    protected override JsonSerializerOptions SettingsJson => Json;

    public static NeatRunSettings ReadSettings(RunSpec spec) => KindSupport.ReadSettings<NeatRunSettings>(spec, Json);

    /// <summary>The NEAT genome a record carries (<see cref="NeatGenomeCodec"/>; older runs' JSON payloads too).</summary>
    public static NeatGenome Decode(GenomeRecord genome) =>
        (genome ?? throw new ArgumentNullException(nameof(genome))).Live as NeatGenome ?? NeatGenomeCodec.Decode(genome.Payload, genome.Id);

    // The paper's parameter table is the default; a config overrides any of these.
    protected override (NeatRunSettings Settings, RunShape Shape) ReadSearch(KindConfigSource source)
    {
        var search = source.Search;
        search.EnsureAllKeysUsed(SearchKeys);
        var defaults = new NeatSettings();
        var task = search.GetChoice("task", "xor", NeatRunSettings.TaskNames.ToArray());
        var settings = new NeatRunSettings
        {
            Task = task,
            Data = task == NeatRunSettings.ClassificationTaskName ? source.Data : null,
            Neat = defaults with
            {
                PopulationSize = source.Population,
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
        return (settings, source.RequestedShape());
    }

    protected override void Validate(RunSpec spec, NeatRunSettings settings)
    {
        if (spec.PopulationSize != settings.Neat.PopulationSize)
        {
            throw new ArgumentException($"run.population ({spec.PopulationSize}) and the NEAT population size ({settings.Neat.PopulationSize}) differ.");
        }

        if (settings.Task == NeatRunSettings.ClassificationTaskName)
        {
            KindSupport.EnsureDatasetFound(settings.Data?.Dataset ?? throw new ArgumentException("the NEAT classification task needs a data: section naming its dataset."), DataDirectories);
            if (!settings.Neat.FeedForward)
            {
                throw new ArgumentException("the NEAT classification task evolves feed-forward networks (their weights are trained with TorchSharp afterwards); remove 'feed-forward: false'.");
            }
        }
        else
        {
            _ = settings.CreateTask(DataDirectories, spec.Seed);
        }

        settings.Neat.Validate();
    }

    protected override IPopulationStrategy CreateStrategy(RunSpec spec, NeatRunSettings settings) => new NeatStrategy(spec, settings, DataDirectories);

    protected override IGenomeEvaluator CreateEvaluator(RunSpec spec, NeatRunSettings settings, EvaluationHost host) => new NeatEvaluator(spec, settings, host);

    public override string Summarize(RunSpec spec, GenomeRecord genome)
    {
        var neat = Decode(genome);
        return string.Create(CultureInfo.InvariantCulture, $"{neat.HiddenCount} hidden nodes, {neat.EnabledConnectionCount} connections");
    }

    /// <summary>
    /// <c>solved: generation 34 by genome main-g34-117 (fitness 15.9617, 3 hidden nodes, 11 connections)</c>, naming the
    /// first generation with a solution and its fittest solver (the champion <c>neat-bench</c> reports for the same
    /// seed); <c>not solved within 60 generations</c> for a completed run without one; null for a run stopped early.
    /// </summary>
    public override string? DescribeOutcome(RunSpec spec, RunPhase phase, IReadOnlyList<GenerationSummary> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.FirstOrDefault(h => h.Solved > 0) is { } solved)
        {
            // Histories written before the solver was recorded know only how many passed.
            return solved.SolvedBy == null
                ? string.Create(CultureInfo.InvariantCulture, $"solved: generation {solved.Generation} ({solved.Solved} genome(s) passed the success test)")
                : string.Create(CultureInfo.InvariantCulture, $"solved: generation {solved.Generation} by genome {solved.SolvedBy} (fitness {solved.SolvedFitness:F4}, {solved.SolvedSummary})");
        }

        var generations = history.Count == 0 ? 0 : history.Max(h => h.Generation) + 1;
        return phase == RunPhase.Completed
            ? string.Create(CultureInfo.InvariantCulture, $"not solved within {generations} generation{(generations == 1 ? string.Empty : "s")}")
            : null;
    }
}
