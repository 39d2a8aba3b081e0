using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Crossovers;

/// <summary>
/// BLX-α for real genes: each child gene is drawn uniformly from the parents' interval [min, max] widened by
/// α·(max − min) on both sides, then clamped into the genome's bounds. α = 0 stays between the parents; α ≈ 0.5 keeps
/// the population's spread from shrinking on average.
/// </summary>
public sealed class BlendCrossover : ICrossover<RealGenome>
{
    /// <summary>Creates a BLX-α crossover.</summary>
    public BlendCrossover(double alpha = 0.5)
    {
        if (!(alpha >= 0.0 && double.IsFinite(alpha)))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be a finite number >= 0.");
        }

        Alpha = alpha;
    }

    /// <summary>How far past the parents' interval, as a fraction of its width, children may land.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public int ParentsCount => 2;

    /// <inheritdoc />
    public int ChildrenCount => 2;

    /// <inheritdoc />
    public IReadOnlyList<RealGenome> Cross(IReadOnlyList<RealGenome> parents, IRandomSource random)
    {
        var (first, second) = CrossoverGuard.TwoParents(parents, random);
        var a = new double[first.Length];
        var b = new double[first.Length];
        for (var i = 0; i < a.Length; i++)
        {
            var lo = Math.Min(first[i], second[i]);
            var hi = Math.Max(first[i], second[i]);
            var widen = Alpha * (hi - lo);
            a[i] = random.NextInRange(lo - widen, hi + widen);
            b[i] = random.NextInRange(lo - widen, hi + widen);
        }

        return [first.WithGenes(a), first.WithGenes(b)];
    }
}
