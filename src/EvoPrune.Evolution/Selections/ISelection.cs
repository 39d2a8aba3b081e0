using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Selections;

/// <summary>
/// Picks individuals (typically parents) by fitness. Works on indices into the fitness list, so it is independent of
/// the genome type; an index may be picked more than once.
/// </summary>
public interface ISelection
{
    /// <summary>Throws an <see cref="ArgumentException"/> when this selection cannot work on populations of this size.</summary>
    void ValidatePopulationSize(int populationSize);

    /// <summary><paramref name="count"/> indices into <paramref name="fitness"/>, chosen under <paramref name="comparer"/>.</summary>
    IReadOnlyList<int> SelectIndices(IReadOnlyList<FitnessInfo> fitness, int count, FitnessComparer comparer, IRandomSource random);
}
