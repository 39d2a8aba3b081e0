namespace EvoPrune.Cluster.Contracts;

/// <summary>
/// A population as checkpointed after a generation: its scored members and the strategy's own state. Breeding is a
/// pure function of this snapshot, the run seed and the generation number, so a restored population proposes exactly
/// the genomes the lost one would have.
/// </summary>
[GenerateSerializer, Immutable, Alias("evoprune.population-snapshot")]
public sealed record PopulationSnapshot(
    [property: Id(0)] string Name,
    [property: Id(1)] int Generation,
    [property: Id(2)] IReadOnlyList<ScoredGenome> Members,
    [property: Id(3)] byte[] StrategyState);
