using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Grains;

/// <summary>One population of a run (key: "runId/population"): proposes genomes, takes their reports, breeds.</summary>
public interface IPopulationGrain : IGrainWithStringKey
{
    /// <summary>Sets the population to <paramref name="snapshot"/> (null: empty, before generation 0).</summary>
    Task RestoreAsync(RunSpec spec, PopulationSnapshot? snapshot);

    /// <summary>
    /// The genomes to evaluate in <paramref name="generation"/>; the same every time it is asked. <paramref name="partners"/>
    /// holds the best member of every other population (used by coevolving kinds, ignored by the rest).
    /// </summary>
    Task<IReadOnlyList<GenomeRecord>> ProposeAsync(int generation, IReadOnlyDictionary<string, ScoredGenome> partners);

    /// <summary>The best member after the last accepted generation (failed members last), or null while empty.</summary>
    Task<ScoredGenome?> GetBestAsync();

    /// <summary>Takes the reports of <paramref name="generation"/>'s genomes and forms the next population.</summary>
    Task<GenerationSummary> AcceptAsync(int generation, IReadOnlyList<FitnessReport> reports);

    Task<PopulationSnapshot> SnapshotAsync();

    /// <summary>
    /// <see cref="AcceptAsync"/>, then (with <paramref name="snapshot"/>) <see cref="SnapshotAsync"/>, then (with
    /// <paramref name="proposeNext"/>) <see cref="ProposeAsync"/> of the next generation, in one call: the coordinator
    /// of a run with one population makes this its only call per generation. Not for coevolving populations, whose
    /// proposals need the others' best.
    /// </summary>
    Task<PopulationStep> StepAsync(int generation, IReadOnlyList<FitnessReport> reports, bool snapshot, bool proposeNext);
}
