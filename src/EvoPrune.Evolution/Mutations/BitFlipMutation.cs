using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Mutations;

/// <summary>
/// Flips each bit of a mask independently with probability <see cref="GeneRate"/>. Density drifts; use
/// <see cref="DensityPreservingSwapMutation"/> to hold it.
/// </summary>
public sealed class BitFlipMutation : IMutation<MaskGenome>
{
    /// <summary>Creates a mutation that flips each bit with probability <paramref name="geneRate"/>.</summary>
    public BitFlipMutation(double geneRate) => GeneRate = Guard.Probability(geneRate);

    /// <summary>Chance that a bit flips.</summary>
    public double GeneRate { get; }

    /// <inheritdoc />
    public MaskGenome Mutate(MaskGenome genome, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        var hits = GeneSampling.Pick(genome.Length, GeneRate, random);
        if (hits.Count == 0)
        {
            return genome;
        }

        var bits = genome.Bits.ToArray();
        foreach (var i in hits)
        {
            bits[i] = !bits[i];
        }

        return genome.Owning(bits);
    }
}
