using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Crossovers;

/// <summary>
/// Whole arithmetic crossover for real genes: children are the convex combinations w·x + (1 − w)·y and
/// (1 − w)·x + w·y of the parents, so they stay inside any box that holds both parents. The weight is fixed, or drawn
/// uniformly from [0, 1] per crossover.
/// </summary>
public sealed class ArithmeticCrossover : ICrossover<RealGenome>
{
    /// <summary>Creates an arithmetic crossover with a fixed <paramref name="weight"/> in [0, 1], or a random one when null.</summary>
    public ArithmeticCrossover(double? weight = null)
    {
        if (weight is { } w)
        {
            _ = Guard.Probability(w, nameof(weight));
        }

        Weight = weight;
    }

    /// <summary>The weight of the first parent in the first child, or null for a random weight each time.</summary>
    public double? Weight { get; }

    /// <inheritdoc />
    public int ParentsCount => 2;

    /// <inheritdoc />
    public int ChildrenCount => 2;

    /// <inheritdoc />
    public IReadOnlyList<RealGenome> Cross(IReadOnlyList<RealGenome> parents, IRandomSource random)
    {
        var (first, second) = CrossoverGuard.TwoParents(parents, random);
        var w = Weight ?? random.NextDouble();
        var a = new double[first.Length];
        var b = new double[first.Length];
        for (var i = 0; i < a.Length; i++)
        {
            // Rounding can put w·x + (1 − w)·y an ulp outside [x, y] (even for x = y); the clamp restores the guarantee.
            var lo = Math.Min(first[i], second[i]);
            var hi = Math.Max(first[i], second[i]);
            a[i] = Math.Clamp((w * first[i]) + ((1 - w) * second[i]), lo, hi);
            b[i] = Math.Clamp(((1 - w) * first[i]) + (w * second[i]), lo, hi);
        }

        return [first.WithGenes(a), first.WithGenes(b)];
    }
}
