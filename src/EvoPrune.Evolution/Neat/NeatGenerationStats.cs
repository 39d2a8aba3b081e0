namespace EvoPrune.Evolution.Neat;

/// <summary>Summary of one evaluated and speciated generation.</summary>
/// <param name="Generation">The generation (0 is the start population).</param>
/// <param name="BestFitness">Best fitness in this generation.</param>
/// <param name="MeanFitness">Mean fitness in this generation.</param>
/// <param name="SpeciesCount">Species after speciation.</param>
/// <param name="MeanHiddenNodes">Mean hidden nodes per genome.</param>
/// <param name="MeanEnabledConnections">Mean expressed connections per genome.</param>
/// <param name="Evaluations">Networks evaluated so far in the run, this generation included.</param>
/// <param name="Solved">Whether a genome of this generation solved the task.</param>
public sealed record NeatGenerationStats(
    int Generation,
    double BestFitness,
    double MeanFitness,
    int SpeciesCount,
    double MeanHiddenNodes,
    double MeanEnabledConnections,
    long Evaluations,
    bool Solved);
