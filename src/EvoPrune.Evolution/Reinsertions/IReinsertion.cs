using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;

namespace EvoPrune.Evolution.Reinsertions;

/// <summary>Decides which parents and offspring make up the next generation. Deterministic: it draws no randomness.</summary>
public interface IReinsertion
{
    /// <summary>Throws an <see cref="ArgumentException"/> when this policy cannot fill <paramref name="populationSize"/> places from <paramref name="offspringCount"/> offspring.</summary>
    void ValidateSizes(int populationSize, int offspringCount);

    /// <summary>The <paramref name="populationSize"/> individuals of the next generation.</summary>
    IReadOnlyList<Individual<TGenome>> Reinsert<TGenome>(
        IReadOnlyList<Individual<TGenome>> parents,
        IReadOnlyList<Individual<TGenome>> offspring,
        int populationSize,
        FitnessComparer comparer)
        where TGenome : class, IGenome;
}
