using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Selections;

/// <summary>
/// Keeps the best ⌈proportion × n⌉ individuals (at least one; ties at the cut go to the earlier index) and picks
/// uniformly among them; the rest are never picked.
/// </summary>
public sealed class TruncationSelection : ISelection
{
    /// <summary>Creates a selection that keeps the fraction <paramref name="proportion"/> in (0, 1] of the population.</summary>
    public TruncationSelection(double proportion = 0.5)
    {
        if (!(proportion > 0.0 && proportion <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(proportion), proportion, "The kept proportion must be in (0, 1].");
        }

        Proportion = proportion;
    }

    /// <summary>Fraction of the population that can be picked.</summary>
    public double Proportion { get; }

    /// <summary>How many of <paramref name="populationSize"/> individuals can be picked.</summary>
    public int KeptCount(int populationSize) => Math.Clamp((int)Math.Ceiling(Proportion * populationSize), 1, populationSize);

    /// <inheritdoc />
    public void ValidatePopulationSize(int populationSize) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(populationSize);

    /// <inheritdoc />
    public IReadOnlyList<int> SelectIndices(IReadOnlyList<FitnessInfo> fitness, int count, FitnessComparer comparer, IRandomSource random)
    {
        SelectionGuard.Check(fitness, count, comparer, random);
        var ranked = FitnessRanking.BestFirst(fitness, comparer);
        var kept = KeptCount(fitness.Count);
        var picks = new int[count];
        for (var i = 0; i < count; i++)
        {
            picks[i] = ranked[random.NextInt(kept)];
        }

        return picks;
    }
}
