using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Genomes;

/// <summary>Creates the genomes of an initial population; each call gets its own keyed random stream.</summary>
/// <typeparam name="TGenome">The genome type created.</typeparam>
public interface IGenomeFactory<out TGenome>
    where TGenome : IGenome
{
    /// <summary>A new unnumbered genome drawn from <paramref name="random"/>.</summary>
    TGenome Create(IRandomSource random);
}
