using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Learning.Activations;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Kinds.Activations;

/// <summary>
/// The "activations" genome kind: activation functions as CGP programs, searched by three-population coevolution or
/// one of the comparison methods (see <see cref="ActivationSettings"/> and <see cref="ActivationStrategy"/>).
/// </summary>
public sealed class ActivationKind(IOptions<EngineOptions> engine) : GenomeKind<ActivationSettings>(KindName, engine)
{
    public const string KindName = "activations";

    private static readonly string[] SearchKeys = ["method", "iterations", "lambda", "random-budget", "mutation", "cgp", "standard", "default", "mini-epochs", "final-epochs", "batch-size"];

    public static ActivationSettings ReadSettings(RunSpec spec) => KindSupport.ReadSettings<ActivationSettings>(spec);

    public static ActivationCandidate Decode(GenomeRecord genome) =>
        JsonSerializer.Deserialize<ActivationCandidate>(genome?.Payload ?? throw new ArgumentNullException(nameof(genome)), KindSupport.Json)
        ?? throw new ArgumentException($"Genome {genome.Id} has an empty payload.");

    /// <summary>
    /// One function per hidden layer of <paramref name="architecture"/> from the three slots: the input-layer function
    /// after the first hidden layer, the output-layer function after the last, the hidden-layer function between.
    /// </summary>
    public static IReadOnlyList<string> LayerFunctions(ArchitectureSpec architecture, IReadOnlyList<string> slots)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(slots);
        var hidden = architecture.PrunableLayerCount - 1;
        if (hidden < 3 || slots.Count != 3)
        {
            throw new ArgumentException($"Architecture '{architecture.Name}' has {hidden} hidden layers; the three activation slots need at least 3 (and 3 functions, got {slots.Count}).");
        }

        return [slots[0], .. Enumerable.Repeat(slots[1], hidden - 2), slots[2]];
    }

    /// <summary>The generations, populations and genomes per generation <paramref name="settings"/>' method implies.</summary>
    public static RunShape Shape(ActivationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var size = settings.Method == ActivationSettings.Standard ? settings.StandardFunctions.Count : Math.Max(2, settings.ChildrenPerGeneration);
        return new RunShape(settings.Generations, size, settings.Populations);
    }

    /// <summary>The run's generations and populations follow from the method and its iterations, not from the run section.</summary>
    protected override (ActivationSettings Settings, RunShape Shape) ReadSearch(KindConfigSource source)
    {
        source.RefuseRunKeys(
            ["generations", "population", "populations"],
            "an activations run's generations and populations follow from search.method and search.iterations; leave run.generations, run.population and run.populations out.");
        var search = source.Search;
        search.EnsureAllKeysUsed(SearchKeys);
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
            Data = source.Data,
            Model = source.Model,
            Training = source.Training,
        };
        return (settings, Shape(settings));
    }

    protected override void Validate(RunSpec spec, ActivationSettings settings)
    {
        Require(ActivationSettings.Methods.Contains(settings.Method), $"unknown method '{settings.Method}'. Known: {string.Join(", ", ActivationSettings.Methods)}.");
        Require(settings.RandomBudget is "equal" or "code-faithful", $"random-budget must be equal or code-faithful (got '{settings.RandomBudget}').");
        Require(settings.Iterations >= 1 && settings.Lambda >= 1, $"iterations and lambda must be >= 1 (got {settings.Iterations} and {settings.Lambda}).");
        Require(settings.MiniEpochs >= 1 && settings.FinalEpochs >= 1, $"mini-epochs and final-epochs must be >= 1 (got {settings.MiniEpochs} and {settings.FinalEpochs}).");
        settings.Shape.Validate();
        foreach (var function in settings.StandardFunctions.Append(settings.Default).Where(f => !ActivationRegistry.Contains(f)))
        {
            throw new ArgumentException($"unknown activation '{function}'. Known: {string.Join(", ", ActivationRegistry.Names)}.");
        }

        Require(settings.StandardFunctions.Count > 0, "the standard function set is empty.");
        settings.Training.Validate();
        Require(spec.Populations.SequenceEqual(settings.Populations), $"method {settings.Method} runs populations [{string.Join(", ", settings.Populations)}], not [{string.Join(", ", spec.Populations)}].");
        Require(spec.Generations == settings.Generations, $"method {settings.Method} with {settings.Iterations} iterations runs {settings.Generations} generations (the search and the final training), not {spec.Generations}.");
        KindSupport.EnsureDatasetFound(settings.Data.Dataset, DataDirectories);
        _ = LayerFunctions(KindSupport.Architecture(settings.Model, settings.Data, spec.Seed, DataDirectories), [settings.Default, settings.Default, settings.Default]);
    }

    protected override IPopulationStrategy CreateStrategy(RunSpec spec, ActivationSettings settings) => new ActivationStrategy(spec, settings);

    protected override IGenomeEvaluator CreateEvaluator(RunSpec spec, ActivationSettings settings, EvaluationHost host) => new ActivationEvaluator(spec, settings, host);

    public override string Summarize(RunSpec spec, GenomeRecord genome)
    {
        var candidate = Decode(genome);
        var slots = candidate.Functions.Select((f, i) => string.Create(CultureInfo.InvariantCulture, $"{ActivationSettings.Slots[i]}={ActivationRegistry.Describe(f)}"));
        return (candidate.Final ? "final: " : string.Empty) + string.Join("; ", slots);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
