namespace EvoPrune.Cluster.Contracts;

/// <summary>A genome with the report of its evaluation.</summary>
[GenerateSerializer, Immutable, Alias("evoprune.scored-genome")]
public sealed record ScoredGenome(
    [property: Id(0)] GenomeRecord Genome,
    [property: Id(1)] FitnessReport Report);
