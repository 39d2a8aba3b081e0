using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Mutations;

/// <summary>
/// Adds N(0, σ²) noise to each real gene independently with probability <see cref="GeneRate"/>, then clamps the gene
/// into its bounds (so bounded genomes stay valid; the clamp piles a little mass on the limits).
/// </summary>
public sealed class GaussianMutation : IMutation<RealGenome>
{
    /// <summary>Creates a Gaussian mutation with per-gene rate <paramref name="geneRate"/> and standard deviation <paramref name="sigma"/>.</summary>
    public GaussianMutation(double geneRate, double sigma)
    {
        GeneRate = Guard.Probability(geneRate);
        Sigma = Guard.PositiveFinite(sigma);
    }

    /// <summary>Chance that a gene is perturbed.</summary>
    public double GeneRate { get; }

    /// <summary>Standard deviation of the noise, in gene units.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public RealGenome Mutate(RealGenome genome, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        var hits = GeneSampling.Pick(genome.Length, GeneRate, random);
        if (hits.Count == 0)
        {
            return genome;
        }

        var genes = genome.Genes.ToArray();
        foreach (var i in hits)
        {
            genes[i] += Sigma * random.NextGaussian();
        }

        return genome.WithGenes(genes);
    }
}
