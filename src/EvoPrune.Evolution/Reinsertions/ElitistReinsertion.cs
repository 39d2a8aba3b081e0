using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;

namespace EvoPrune.Evolution.Reinsertions;

/// <summary>
/// The best <see cref="EliteCount"/> parents survive unchanged and the best offspring fill the other places, so the
/// best fitness never gets worse from one generation to the next.
/// </summary>
public sealed class ElitistReinsertion : IReinsertion
{
    /// <summary>Creates an elitist reinsertion that keeps <paramref name="eliteCount"/> parents.</summary>
    public ElitistReinsertion(int eliteCount = 1)
    {
        if (eliteCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(eliteCount), eliteCount, "Elitism needs at least one elite; use PureReinsertion for none.");
        }

        EliteCount = eliteCount;
    }

    /// <summary>Number of best parents carried over.</summary>
    public int EliteCount { get; }

    /// <inheritdoc />
    public void ValidateSizes(int populationSize, int offspringCount)
    {
        if (EliteCount >= populationSize)
        {
            throw new ArgumentException(
                $"Elite count {EliteCount} must be smaller than the population size {populationSize}, or no offspring would ever enter.",
                nameof(populationSize));
        }

        if (offspringCount < populationSize - EliteCount)
        {
            throw new ArgumentException(
                $"{offspringCount} offspring cannot fill the {populationSize - EliteCount} places left after {EliteCount} elites.",
                nameof(offspringCount));
        }
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
        var elites = ReinsertionGuard.BestFirst(parents, comparer).Take(EliteCount).ToList();
        return [.. elites, .. ReinsertionGuard.BestFirst(offspring, comparer).Take(populationSize - elites.Count)];
    }
}
