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
public sealed class ActivationKind(IOptions<EngineOptions> engine) : IGenomeKind
{
    public const string KindName = "activations";

    public string Name => KindName;

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

    public void Validate(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var settings = ReadSettings(spec);
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
        KindSupport.EnsureDatasetFound(settings.Data.Dataset, engine.Value.DataDirectories);
        _ = LayerFunctions(KindSupport.Architecture(settings.Model, settings.Data, spec.Seed, engine.Value.DataDirectories.ToArray()), [settings.Default, settings.Default, settings.Default]);
    }

    public IPopulationStrategy CreateStrategy(RunSpec spec) => new ActivationStrategy(spec, ReadSettings(spec));

    public IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host) => new ActivationEvaluator(spec, ReadSettings(spec), host);

    public string Summarize(RunSpec spec, GenomeRecord genome)
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
