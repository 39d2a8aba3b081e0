using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Selections;

/// <summary>
/// Each pick is the fittest of <see cref="Size"/> distinct individuals drawn uniformly (the first drawn wins a tie).
/// Larger tournaments press harder toward the best; a tournament as large as the population always picks the best.
/// </summary>
public sealed class TournamentSelection : ISelection
{
    /// <summary>Creates a selection with tournaments of <paramref name="size"/> contestants.</summary>
    public TournamentSelection(int size = 2)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A tournament needs at least one contestant.");
        }

        Size = size;
    }

    /// <summary>Contestants per tournament.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public void ValidatePopulationSize(int populationSize)
    {
        if (Size > populationSize)
        {
            throw new ArgumentException(
                $"Tournament size {Size} exceeds the population size {populationSize}; contestants are drawn without replacement.",
                nameof(populationSize));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<int> SelectIndices(IReadOnlyList<FitnessInfo> fitness, int count, FitnessComparer comparer, IRandomSource random)
    {
        SelectionGuard.Check(fitness, count, comparer, random);
        ValidatePopulationSize(fitness.Count);
        var n = fitness.Count;
        var pool = Enumerable.Range(0, n).ToArray();
        var picks = new int[count];
        for (var pick = 0; pick < count; pick++)
        {
            var winner = -1;

            // A partial Fisher-Yates pass draws Size distinct contestants; the pool stays a permutation, so it is reused.
            for (var j = 0; j < Size; j++)
            {
                var r = random.NextInt(j, n);
                (pool[j], pool[r]) = (pool[r], pool[j]);
                if (winner < 0 || comparer.IsFitter(fitness[pool[j]], fitness[winner]))
                {
                    winner = pool[j];
                }
            }

            picks[pick] = winner;
        }

        return picks;
    }
}
