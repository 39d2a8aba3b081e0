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
public sealed class NeatKind(IOptions<EngineOptions> engine) : IGenomeKind
{
    public const string KindName = "neat";

    /// <summary>Genomes, snapshots and settings as JSON (the best fitness is −∞ before the first generation).</summary>
    public static readonly JsonSerializerOptions Json = new(KindSupport.Json) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public string Name => KindName;

    public static NeatRunSettings ReadSettings(RunSpec spec) => KindSupport.ReadSettings<NeatRunSettings>(spec, Json);

    /// <summary>The NEAT genome a record carries (<see cref="NeatGenomeCodec"/>; older runs' JSON payloads too).</summary>
    public static NeatGenome Decode(GenomeRecord genome) =>
        NeatGenomeCodec.Decode((genome ?? throw new ArgumentNullException(nameof(genome))).Payload, genome.Id);

    public void Validate(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var settings = ReadSettings(spec);
        if (spec.PopulationSize != settings.Neat.PopulationSize)
        {
            throw new ArgumentException($"run.population ({spec.PopulationSize}) and the NEAT population size ({settings.Neat.PopulationSize}) differ.");
        }

        if (settings.Task == NeatRunSettings.ClassificationTaskName)
        {
            KindSupport.EnsureDatasetFound(settings.Data?.Dataset ?? throw new ArgumentException("the NEAT classification task needs a data: section naming its dataset."), engine.Value.DataDirectories);
            if (!settings.Neat.FeedForward)
            {
                throw new ArgumentException("the NEAT classification task evolves feed-forward networks (their weights are trained with TorchSharp afterwards); remove 'feed-forward: false'.");
            }
        }
        else
        {
            _ = settings.CreateTask([.. engine.Value.DataDirectories], spec.Seed);
        }

        settings.Neat.Validate();
    }

    public IPopulationStrategy CreateStrategy(RunSpec spec) => new NeatStrategy(spec, ReadSettings(spec), [.. engine.Value.DataDirectories]);

    public IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host) => new NeatEvaluator(spec, ReadSettings(spec), host);

    public string Summarize(RunSpec spec, GenomeRecord genome)
    {
        var neat = Decode(genome);
        return string.Create(CultureInfo.InvariantCulture, $"{neat.HiddenCount} hidden nodes, {neat.EnabledConnectionCount} connections");
    }

    /// <summary>
    /// <c>solved: generation 34 by genome main-g34-117 (fitness 15.9617, 3 hidden nodes, 11 connections)</c>, naming the
    /// first generation with a solution and its fittest solver (the champion <c>neat-bench</c> reports for the same
    /// seed); <c>not solved within 60 generations</c> for a completed run without one; null for a run stopped early.
    /// </summary>
    public string? DescribeOutcome(RunSpec spec, RunPhase phase, IReadOnlyList<GenerationSummary> history)
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
