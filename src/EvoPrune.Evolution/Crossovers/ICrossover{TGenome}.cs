using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Crossovers;

/// <summary>Recombines <see cref="ParentsCount"/> parents into <see cref="ChildrenCount"/> unnumbered children.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public interface ICrossover<TGenome>
    where TGenome : class, IGenome<TGenome>
{
    /// <summary>Number of parents one crossover takes.</summary>
    int ParentsCount { get; }

    /// <summary>Number of children one crossover makes.</summary>
    int ChildrenCount { get; }

    /// <summary>The children of <paramref name="parents"/>; the parents are left as they are.</summary>
    /// <exception cref="ArgumentException">The parent count is not <see cref="ParentsCount"/>, or the parents' shapes differ.</exception>
    IReadOnlyList<TGenome> Cross(IReadOnlyList<TGenome> parents, IRandomSource random);
}
