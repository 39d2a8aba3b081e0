using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Mutations;

/// <summary>
/// Resets each gene independently with probability <see cref="GeneRate"/> to a uniform draw within its bounds, for
/// real and integer genomes. Needs bounded genomes.
/// </summary>
public sealed class UniformMutation : IMutation<RealGenome>, IMutation<IntegerGenome>
{
    /// <summary>Creates a uniform mutation with per-gene rate <paramref name="geneRate"/>.</summary>
    public UniformMutation(double geneRate) => GeneRate = Guard.Probability(geneRate);

    /// <summary>Chance that a gene is reset.</summary>
    public double GeneRate { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The genome has no bounds.</exception>
    public RealGenome Mutate(RealGenome genome, IRandomSource random)
    {
        var bounds = BoundsOf(genome, random);
        var hits = GeneSampling.Pick(genome.Length, GeneRate, random);
        if (hits.Count == 0)
        {
            return genome;
        }

        var genes = genome.Genes.ToArray();
        foreach (var i in hits)
        {
            genes[i] = random.NextInRange(bounds.Lower[i], bounds.Upper[i]);
        }

        return genome.WithGenes(genes);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The genome has no bounds.</exception>
    public IntegerGenome Mutate(IntegerGenome genome, IRandomSource random)
    {
        var bounds = BoundsOf(genome, random);
        var hits = GeneSampling.Pick(genome.Length, GeneRate, random);
        if (hits.Count == 0)
        {
            return genome;
        }

        var genes = genome.Genes.ToArray();
        foreach (var i in hits)
        {
            genes[i] = random.NextInclusive(bounds.Lower[i], bounds.Upper[i]);
        }

        return genome.WithGenes(genes);
    }

    private static GeneBounds<T> BoundsOf<TGenome, T>(NumericGenome<TGenome, T> genome, IRandomSource random)
        where TGenome : NumericGenome<TGenome, T>
        where T : struct, System.Numerics.INumber<T>
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        return genome.Bounds
            ?? throw new ArgumentException("Uniform mutation resets genes within their bounds, but the genome has none.", nameof(genome));
    }
}
