using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Mutations;

/// <summary>
/// The swap mutation reads kept and pruned positions by rank instead of listing them; it must move exactly the weights
/// the listing form (kept the way it was first written, below) moves, for every seed, so runs replay as before.
/// </summary>
public sealed class SwapMutationReferenceTests
{
    [Theory]
    [InlineData(new[] { 300, 100, 10 }, 0.1, 0.02)]
    [InlineData(new[] { 5000, 700, 64 }, 0.05, 0.05)]
    [InlineData(new[] { 2000, 37, 9 }, 0.5, 0.2)]
    [InlineData(new[] { 1030, 1 }, 0.97, 0.5)]
    public void Mutate_ManySeeds_EqualsTheListingForm(int[] layers, double density, double rate)
    {
        var layout = new MaskLayout(layers);
        var mutation = new DensityPreservingSwapMutation(rate);
        for (var seed = 0; seed < 60; seed++)
        {
            var genome = new MaskGenomeFactory(layout, density).Create(RandomSources.For(7, 0, seed, "mask"));
            var fast = mutation.Mutate(genome, RandomSources.For(7, 1, seed, "mutate"));
            var listed = Listing(genome, rate, RandomSources.For(7, 1, seed, "mutate"));
            Assert.True(fast.Bits.SequenceEqual(listed), $"seed {seed}: the masks differ");
        }
    }

    // The mutation as first written: kept and pruned positions listed per layer.
    private static bool[] Listing(MaskGenome genome, double rate, IRandomSource random)
    {
        var bits = genome.Bits.ToArray();
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

            foreach (var k in GeneSampling.Pick(kept.Count, rate, random))
            {
                var j = random.NextInt(pruned.Count);
                var from = kept[k];
                bits[from] = false;
                bits[pruned[j]] = true;
                pruned[j] = from;
            }
        }

        return bits;
    }
}
