using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Mutations;

/// <summary>
/// Perturbs one genome. Operators carry their own per-gene rate; whether a genome is mutated at all is the
/// algorithm's per-genome <c>MutationProbability</c>.
/// </summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public interface IMutation<TGenome>
    where TGenome : class, IGenome<TGenome>
{
    /// <summary>An unnumbered mutated copy of <paramref name="genome"/>, or <paramref name="genome"/> itself when nothing changed.</summary>
    TGenome Mutate(TGenome genome, IRandomSource random);
}
