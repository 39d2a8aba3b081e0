using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;

namespace EvoPrune.Evolution.Reinsertions;

/// <summary>Argument checks and ranking shared by the reinsertions.</summary>
internal static class ReinsertionGuard
{
    public static void Check<TGenome>(
        IReadOnlyList<Individual<TGenome>> parents,
        IReadOnlyList<Individual<TGenome>> offspring,
        int populationSize,
        FitnessComparer comparer,
        IReinsertion policy)
        where TGenome : class, IGenome
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(offspring);
        ArgumentNullException.ThrowIfNull(comparer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(populationSize);
        policy.ValidateSizes(populationSize, offspring.Count);
    }

    /// <summary><paramref name="individuals"/> best first; ties keep list order.</summary>
    public static IEnumerable<Individual<TGenome>> BestFirst<TGenome>(IReadOnlyList<Individual<TGenome>> individuals, FitnessComparer comparer)
        where TGenome : class, IGenome =>
        FitnessRanking.BestFirst([.. individuals.Select(i => i.Fitness)], comparer).Select(i => individuals[i]);
}
