using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Selections;

/// <summary>
/// Deterministic: the best individuals in order, best first (ties by index); asking for more than the population
/// starts again from the best. Draws nothing from the random source.
/// </summary>
public sealed class EliteSelection : ISelection
{
    /// <inheritdoc />
    public void ValidatePopulationSize(int populationSize) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(populationSize);

    /// <inheritdoc />
    public IReadOnlyList<int> SelectIndices(IReadOnlyList<FitnessInfo> fitness, int count, FitnessComparer comparer, IRandomSource random)
    {
        SelectionGuard.Check(fitness, count, comparer, random);
        var ranked = FitnessRanking.BestFirst(fitness, comparer);
        var picks = new int[count];
        for (var i = 0; i < count; i++)
        {
            picks[i] = ranked[i % ranked.Length];
        }

        return picks;
    }
}
