namespace EvoPrune.Evolution.Neat;

/// <summary>A genome of the current generation with its evaluation.</summary>
/// <param name="Genome">The genome.</param>
/// <param name="Fitness">Its raw (unshared) fitness.</param>
/// <param name="Solved">Whether it met the task's success test.</param>
public sealed record NeatIndividual(NeatGenome Genome, double Fitness, bool Solved);
