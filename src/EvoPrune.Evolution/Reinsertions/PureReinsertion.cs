using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;

namespace EvoPrune.Evolution.Reinsertions;

/// <summary>
/// Generational replacement: the offspring replace the parents outright, in breeding order (surplus offspring are
/// dropped from the end). Needs at least as many offspring as places. The best so far can be lost.
/// </summary>
public sealed class PureReinsertion : IReinsertion
{
    /// <inheritdoc />
    public void ValidateSizes(int populationSize, int offspringCount)
    {
        if (offspringCount < populationSize)
        {
            throw new ArgumentException(
                $"Pure reinsertion needs at least as many offspring as places, but {offspringCount} offspring were bred for {populationSize} places.",
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
        return [.. offspring.Take(populationSize)];
    }
}
