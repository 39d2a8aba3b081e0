using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Selections;

/// <summary>
/// Linear ranking: picks are proportional to rank, not to fitness, so scale and sign of the fitness do not matter.
/// With ranks r = 0 (worst) … n−1 (best) the weight is (2 − s) + 2(s − 1)·r/(n − 1) for pressure s in [1, 2]:
/// s = 1 is uniform, s = 2 gives the worst nothing. Equal fitness shares the average of its ranks.
/// </summary>
public sealed class RankSelection : ISelection
{
    /// <summary>Creates a ranking selection with selection pressure <paramref name="pressure"/> in [1, 2].</summary>
    public RankSelection(double pressure = 2.0)
    {
        if (!(pressure >= 1.0 && pressure <= 2.0))
        {
            throw new ArgumentOutOfRangeException(nameof(pressure), pressure, "Selection pressure must be in [1, 2].");
        }

        Pressure = pressure;
    }

    /// <summary>Expected picks of the best individual per n picks (1 = uniform, 2 = strongest linear pressure).</summary>
    public double Pressure { get; }

    /// <inheritdoc />
    public void ValidatePopulationSize(int populationSize) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(populationSize);

    /// <inheritdoc />
    public IReadOnlyList<int> SelectIndices(IReadOnlyList<FitnessInfo> fitness, int count, FitnessComparer comparer, IRandomSource random)
    {
        SelectionGuard.Check(fitness, count, comparer, random);
        var n = fitness.Count;
        var worstFirst = FitnessRanking.BestFirst(fitness, comparer);
        Array.Reverse(worstFirst);
        var weights = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && comparer.Compare(fitness[worstFirst[end]], fitness[worstFirst[start]]) == 0)
            {
                end++;
            }

            var rank = (start + end - 1) / 2.0;
            var weight = n == 1 ? 1.0 : (2.0 - Pressure) + (2.0 * (Pressure - 1.0) * rank / (n - 1));
            for (var k = start; k < end; k++)
            {
                weights[worstFirst[k]] = weight;
            }

            start = end;
        }

        // Averaged ranks leave at least one weight positive (a full tie weighs 1 each), so the wheel always has width.
        var cumulative = ProportionalWeights.Cumulative(weights);
        var picks = new int[count];
        for (var i = 0; i < count; i++)
        {
            picks[i] = ProportionalWeights.Spin(cumulative, random);
        }

        return picks;
    }
}
