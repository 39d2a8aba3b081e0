using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;

namespace EvoPrune.Evolution.Reinsertions;

/// <summary>
/// (μ + λ) replacement: the best <c>populationSize</c> of parents and offspring together. On equal fitness an offspring
/// wins over a parent, which lets the search drift across plateaus instead of freezing on them.
/// </summary>
public sealed class FitnessBasedReinsertion : IReinsertion
{
    /// <inheritdoc />
    public void ValidateSizes(int populationSize, int offspringCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(populationSize);
        ArgumentOutOfRangeException.ThrowIfNegative(offspringCount);
    }

    /// <inheritdoc />
    public IReadOnlyList<Individual<TGenome>> Reinsert<TGenome>(
        IReadOnlyList<Individual<TGenome>> parents,
        IReadOnlyList<Individual<TGenome>> offspring,
        int populationSize,
        FitnessComparer comparer)
        where TGenome : class, IGenome
    {
        ReinsertionGuard.Check(parents, offspring, populationSize, comparer, this);
        if (parents.Count + offspring.Count < populationSize)
        {
            throw new ArgumentException(
                $"{parents.Count} parents and {offspring.Count} offspring cannot fill {populationSize} places.", nameof(populationSize));
        }

        // Offspring come first in the pool, so the stable ranking puts them ahead of equally fit parents.
        Individual<TGenome>[] pool = [.. offspring, .. parents];
        return [.. ReinsertionGuard.BestFirst(pool, comparer).Take(populationSize)];
    }
}
