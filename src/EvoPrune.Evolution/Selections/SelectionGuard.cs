using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Selections;

/// <summary>The argument checks every selection makes.</summary>
internal static class SelectionGuard
{
    public static void Check(IReadOnlyList<FitnessInfo> fitness, int count, FitnessComparer comparer, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(fitness);
        ArgumentNullException.ThrowIfNull(comparer);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (fitness.Count == 0)
        {
            throw new ArgumentException("Cannot select from an empty population.", nameof(fitness));
        }

        for (var i = 0; i < fitness.Count; i++)
        {
            if (fitness[i] is null)
            {
                throw new ArgumentException($"Fitness {i} is null; every individual must be evaluated before selection.", nameof(fitness));
            }
        }
    }
}
