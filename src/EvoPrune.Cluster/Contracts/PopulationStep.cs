namespace EvoPrune.Cluster.Contracts;

/// <summary>
/// What a population answers when it takes a generation's reports and, in the same call, breeds the next one: the
/// generation's summary, its snapshot when the coordinator checkpoints it (taken before breeding), and the next
/// generation's genomes unless the run ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("evoprune.population-step")]
public sealed record PopulationStep(
    [property: Id(0)] GenerationSummary Summary,
    [property: Id(1)] PopulationSnapshot? Snapshot,
    [property: Id(2)] IReadOnlyList<GenomeRecord>? Next);
