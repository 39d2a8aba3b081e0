using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Selections;

/// <summary>
/// Stochastic universal sampling: the same wheel as <see cref="RouletteWheelSelection"/>, spun once with
/// <c>count</c> equally spaced pointers, so each individual is picked either ⌊e⌋ or ⌈e⌉ times where e is its
/// expected count, instead of only on average. The picks come off the wheel in index order and are then shuffled,
/// since the algorithm mates neighbouring picks.
/// </summary>
public sealed class StochasticUniversalSamplingSelection : ISelection
{
    /// <inheritdoc />
    public void ValidatePopulationSize(int populationSize) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(populationSize);

    /// <inheritdoc />
    public IReadOnlyList<int> SelectIndices(IReadOnlyList<FitnessInfo> fitness, int count, FitnessComparer comparer, IRandomSource random)
    {
        SelectionGuard.Check(fitness, count, comparer, random);
        var picks = new int[count];
        if (count == 0)
        {
            return picks;
        }

        var cumulative = ProportionalWeights.Cumulative(ProportionalWeights.Compute(fitness, comparer));
        var step = cumulative[^1] / count;
        var start = random.NextDouble() * step;
        for (var i = 0; i < count; i++)
        {
            picks[i] = ProportionalWeights.Find(cumulative, start + (i * step));
        }

        random.Shuffle(picks);
        return picks;
    }
}
