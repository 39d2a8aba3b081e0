namespace EvoPrune.Evolution.Neat;

/// <summary>How a <see cref="NeatAlgorithm.Run"/> ended.</summary>
/// <param name="Solved">Whether a solution was found.</param>
/// <param name="Generations">Generations evaluated, generation 0 included.</param>
/// <param name="Evaluations">Networks evaluated in the run.</param>
/// <param name="Champion">The solution where solved, else the best genome found.</param>
/// <param name="ChampionFitness">The champion's fitness.</param>
/// <param name="History">Per-generation statistics of this call, in order.</param>
public sealed record NeatRunResult(
    bool Solved,
    int Generations,
    long Evaluations,
    NeatGenome Champion,
    double ChampionFitness,
    IReadOnlyList<NeatGenerationStats> History);
