using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cluster.Plugins;

/// <summary>
/// A kind of genome the engine can evolve: it reads its <c>search:</c> section of a config into settings and a run
/// shape, validates a run's settings, and makes the strategy (which breeds, in population grains) and the evaluator
/// (which measures fitness, in workers on every silo); it summarises genomes and writes its post-run reports. New kinds
/// register one of these with <c>AddGenomeKind&lt;TKind&gt;()</c> (most derive from
/// <see cref="Kinds.GenomeKind{TSettings}"/>); the engine and the CLI find it by name and never change.
/// </summary>
public interface IGenomeKind
{
    /// <summary>The name configs use in <c>kind:</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Reads the kind's <c>search:</c> section (and any run keys its search decides) into its settings JSON and the run's
    /// shape, checking every value where it is read: a bad one is thrown as <see cref="IConfigSection.ErrorAt"/> makes it.
    /// By default a kind has no search settings (any key is refused) and runs the shape the <c>run:</c> section asks for.
    /// </summary>
    KindConfig ReadConfig(KindConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Search.EnsureAllKeysUsed([]);
        return new KindConfig("{}", source.RequestedShape());
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a readable message if the spec cannot run.</summary>
    void Validate(RunSpec spec);

    IPopulationStrategy CreateStrategy(RunSpec spec);

    IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host);

    /// <summary>A one-line, human-readable description of a genome (sparsity, layers, ...), for status and history.</summary>
    string Summarize(RunSpec spec, GenomeRecord genome);

    /// <summary>
    /// One line for the console once a run has finished, in the kind's own words: what the run achieved (NEAT: the
    /// generation and genome that solved the task, or that none did within the generations run), or null for nothing
    /// beyond the history table. <paramref name="phase"/> is the run's final phase.
    /// </summary>
    string? DescribeOutcome(RunSpec spec, RunPhase phase, IReadOnlyList<GenerationSummary> history) => null;

    /// <summary>
    /// Writes the kind's post-run reports once a run completes (after <c>results.json</c>), whoever started it, through
    /// <paramref name="store"/>'s <see cref="IRunStore.SaveResultAsync"/>; returns where each went. None by default.
    /// </summary>
    Task<IReadOnlyList<string>> WriteReportsAsync(RunSpec spec, Checkpoint last, IRunStore store, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
