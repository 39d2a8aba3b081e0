using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Mutations;

/// <summary>
/// Moves kept weights within their layer: each kept position is, with probability <see cref="GeneRate"/>, swapped
/// with a uniformly chosen pruned position of the same layer. Every layer keeps exactly its kept count; layers that
/// are fully kept or fully pruned are left alone.
/// </summary>
public sealed class DensityPreservingSwapMutation : IMutation<MaskGenome>
{
    /// <summary>Creates a mutation that moves each kept weight with probability <paramref name="geneRate"/>.</summary>
    public DensityPreservingSwapMutation(double geneRate) => GeneRate = Guard.Probability(geneRate);

    /// <summary>Chance that a kept weight moves.</summary>
    public double GeneRate { get; }

    /// <inheritdoc />
    public MaskGenome Mutate(MaskGenome genome, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        bool[]? bits = null;
        var kept = new List<int>();
        var pruned = new List<int>();
        for (var layer = 0; layer < genome.LayerCount; layer++)
        {
            kept.Clear();
            pruned.Clear();
            var offset = genome.Layout.Offset(layer);
            var layerBits = genome.LayerBits(layer);
            for (var i = 0; i < layerBits.Length; i++)
            {
                (layerBits[i] ? kept : pruned).Add(offset + i);
            }

            if (kept.Count == 0 || pruned.Count == 0)
            {
                continue;
            }

            foreach (var k in GeneSampling.Pick(kept.Count, GeneRate, random))
            {
                bits ??= genome.Bits.ToArray();
                var j = random.NextInt(pruned.Count);
                var from = kept[k];
                bits[from] = false;
                bits[pruned[j]] = true;

                // The freed position joins the pruned pool, so a later move may land on it again.
                pruned[j] = from;
            }
        }

        return bits is null ? genome : genome.Owning(bits);
    }
}
