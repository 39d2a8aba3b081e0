using CsCheck;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Mutations;

public class MaskMutationTests
{
    [Fact]
    public void BitFlip_RateOne_FlipsEveryBitAndKeepsTheInput() =>
        Gens.Mask.Sample(mask =>
        {
            var before = mask.Bits.ToArray();

            var flipped = new BitFlipMutation(1.0).Mutate(mask, Streams.Fixed("flip"));

            Assert.Equal(mask.Layout, flipped.Layout);
            Assert.Equal(before.Select(b => !b), flipped.Bits.ToArray());
            Assert.Equal(before, mask.Bits.ToArray());
            Assert.Equal(0, flipped.Id);
        });

    [Fact]
    public void BitFlip_RateZero_ReturnsTheSameGenome() =>
        Gens.Mask.Sample(mask => Assert.Same(mask, new BitFlipMutation(0.0).Mutate(mask, Streams.Fixed("flip"))));

    [Fact]
    public void BitFlip_TenPercent_FlipsAboutATenth()
    {
        var mask = new MaskGenome([5_000, 5_000], new bool[10_000]);

        var flipped = new BitFlipMutation(0.1).Mutate(mask, Streams.Fixed("flip-rate"));

        // 1,000 expected, standard deviation 30.
        Assert.InRange(flipped.KeptCount, 880, 1_120);
    }

    [Fact]
    public void DensityPreservingSwap_AnyMaskAndRate_KeepsEveryLayerCount() =>
        Gen.Select(Gens.Mask, Gen.Double.Unit, Gens.Seed).Sample((mask, rate, seed) =>
        {
            var mutated = new DensityPreservingSwapMutation(rate).Mutate(mask, Streams.FromSeed(seed));

            Assert.Equal(mask.Layout, mutated.Layout);
            for (var layer = 0; layer < mask.LayerCount; layer++)
            {
                Assert.Equal(mask.LayerKeptCount(layer), mutated.LayerKeptCount(layer));
            }
        });

    [Fact]
    public void DensityPreservingSwap_RateOne_ChangesEveryMixedLayer() =>
        Gen.Select(Gens.Mask, Gens.Seed).Sample((mask, seed) =>
        {
            var mutated = new DensityPreservingSwapMutation(1.0).Mutate(mask, Streams.FromSeed(seed));

            for (var layer = 0; layer < mask.LayerCount; layer++)
            {
                var mixed = mask.LayerKeptCount(layer) is var k && k > 0 && k < mask.LayerSizes[layer];
                Assert.Equal(mixed, !mask.LayerBits(layer).SequenceEqual(mutated.LayerBits(layer)));
            }
        });

    [Fact]
    public void DensityPreservingSwap_FullAndEmptyLayers_ReturnsTheSameGenome()
    {
        var mask = new MaskGenome([2, 3], [true, true, false, false, false]);

        Assert.Same(mask, new DensityPreservingSwapMutation(1.0).Mutate(mask, Streams.Fixed("dps")));
    }

    [Fact]
    public void SwapMutation_Mask_KeepsTotalButCanMoveAcrossLayers()
    {
        var mask = new MaskGenome([1, 1], [true, false]);

        var swapped = new SwapMutation<MaskGenome>().Mutate(mask, Streams.Fixed("swap"));

        Assert.Equal([false, true], swapped.Bits.ToArray());
    }

    [Fact]
    public void Constructors_RateOutsideUnitInterval_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitFlipMutation(-0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DensityPreservingSwapMutation(double.NaN));
    }
}
