using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Selections;

/// <summary>
/// Fitness-proportional selection: each pick is an independent spin where an individual's slice is proportional to
/// its oriented fitness (<see cref="FitnessComparer.OrientedScore"/>). If any fitness is negative all are shifted up
/// by the lowest, so the worst gets no slice; failed individuals get none; when all slices would be empty (equal
/// fitness at the bottom) every valid individual gets the same slice.
/// </summary>
public sealed class RouletteWheelSelection : ISelection
{
    /// <inheritdoc />
    public void ValidatePopulationSize(int populationSize) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(populationSize);

    /// <inheritdoc />
    public IReadOnlyList<int> SelectIndices(IReadOnlyList<FitnessInfo> fitness, int count, FitnessComparer comparer, IRandomSource random)
    {
        SelectionGuard.Check(fitness, count, comparer, random);
        var cumulative = ProportionalWeights.Cumulative(ProportionalWeights.Compute(fitness, comparer));
        var picks = new int[count];
        for (var i = 0; i < count; i++)
        {
            picks[i] = ProportionalWeights.Spin(cumulative, random);
        }

        return picks;
    }
}
