namespace EvoPrune.Evolution.Genomes;

/// <summary>
/// A candidate solution. Genomes are immutable: operators build new genomes and never change their inputs,
/// so one genome can sit in a population, a snapshot and an evaluation batch at the same time.
/// </summary>
public interface IGenome
{
    /// <summary>
    /// Identity within a run, given by the algorithm when the genome joins a population; 0 while unnumbered
    /// (a fresh child of a crossover or mutation). Evaluators key their own randomness by it.
    /// </summary>
    long Id { get; }

    /// <summary>Number of genes.</summary>
    int Length { get; }
}
