using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Crossovers;

/// <summary>The argument checks of the two-parent crossovers.</summary>
internal static class CrossoverGuard
{
    public static (TGenome First, TGenome Second) TwoParents<TGenome>(IReadOnlyList<TGenome> parents, IRandomSource random)
        where TGenome : class, ILinearGenome<TGenome>
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(random);
        if (parents.Count != 2 || parents[0] is null || parents[1] is null)
        {
            throw new ArgumentException($"This crossover takes exactly 2 parents, but {parents.Count} were given (or one is null).", nameof(parents));
        }

        if (!parents[0].IsCompatibleWith(parents[1]))
        {
            throw new ArgumentException("The parents have different shapes (length, layers or bounds) and cannot be recombined.", nameof(parents));
        }

        return (parents[0], parents[1]);
    }

    /// <summary>Both children of a positional crossover: the first takes from the second parent where flagged, the second the reverse.</summary>
    public static TGenome[] Complementary<TGenome>(TGenome first, TGenome second, bool[] takeFromOther)
        where TGenome : class, ILinearGenome<TGenome> =>
        [first.Recombine(second, takeFromOther), second.Recombine(first, takeFromOther)];
}
