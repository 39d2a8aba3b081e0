using CsCheck;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Genomes;

public class GenomeFactoryTests
{
    [Fact]
    public void MaskGenomeFactory_AnyDensities_KeepsRoundedCountPerLayer() =>
        (from sizes in Gens.LayerSizes
         from densities in Gen.Double.Unit.Array[sizes.Length]
         from seed in Gens.Seed
         select (sizes, densities, seed))
        .Sample((sizes, densities, seed) =>
        {
            var factory = new MaskGenomeFactory(new MaskLayout(sizes), densities);

            var mask = factory.Create(Streams.FromSeed(seed));

            for (var layer = 0; layer < sizes.Length; layer++)
            {
                var expected = (int)Math.Round(densities[layer] * sizes[layer], MidpointRounding.AwayFromZero);
                Assert.Equal(expected, mask.LayerKeptCount(layer));
            }
        });

    [Fact]
    public void MaskGenomeFactory_ManyMasks_SpreadKeptPositionsOverTheLayer()
    {
        var factory = new MaskGenomeFactory(new MaskLayout([10]), 0.3);
        var random = Streams.Fixed("mask-factory");
        var counts = new int[10];
        for (var i = 0; i < 5_000; i++)
        {
            var mask = factory.Create(random);
            for (var j = 0; j < 10; j++)
            {
                counts[j] += mask[j] ? 1 : 0;
            }
        }

        // Each position is kept with probability 0.3: 1,500 expected, standard deviation about 32.
        Assert.All(counts, c => Assert.InRange(c, 1_350, 1_650));
    }

    [Theory]
    [InlineData(new[] { 300, 100, 10 }, 0.1)]
    [InlineData(new[] { 5000, 700, 64 }, 0.05)]
    [InlineData(new[] { 1030, 1, 77 }, 0.97)]
    public void MaskGenomeFactory_ManySeeds_SetsTheBitsOfTheOneBytePerWeightForm(int[] layers, double density)
    {
        // The factory sets bits in packed words; the masks (and so every run's first generation) must stay the ones the
        // form it was first written in, one bool per weight, made from the same streams.
        var layout = new MaskLayout(layers);
        var factory = new MaskGenomeFactory(layout, density);
        for (var seed = 0; seed < 40; seed++)
        {
            var words = factory.CreatePackedWords(RandomSources.For(7, 0, seed, "mask"));
            var bools = OneBytePerWeight(factory, RandomSources.For(7, 0, seed, "mask"));
            Assert.True(MaskGenome.FromPackedWords(layout, words).Bits.SequenceEqual(bools), $"seed {seed}: the masks differ");
            Assert.True(factory.Create(RandomSources.For(7, 0, seed, "mask")).Bits.SequenceEqual(bools), $"seed {seed}: Create differs");
        }
    }

    // The factory as first written: a shuffle of every layer's positions into one bool per weight.
    private static bool[] OneBytePerWeight(MaskGenomeFactory factory, IRandomSource random)
    {
        var layout = factory.Layout;
        var bits = new bool[layout.TotalLength];
        for (var layer = 0; layer < layout.LayerCount; layer++)
        {
            var positions = Enumerable.Range(layout.Offset(layer), layout.LayerSizes[layer]).ToArray();
            for (var i = 0; i < factory.KeptCount(layer); i++)
            {
                var j = random.NextInt(i, positions.Length);
                (positions[i], positions[j]) = (positions[j], positions[i]);
                bits[positions[i]] = true;
            }
        }

        return bits;
    }

    [Fact]
    public void MaskGenomeFactory_DensityOutsideUnitInterval_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaskGenomeFactory(new MaskLayout([4]), 1.5));

    [Fact]
    public void RealGenomeFactory_AnyBounds_GenesWithinThem() =>
        Gen.Select(Gens.RealBounds, Gens.Seed).Sample((bounds, seed) =>
        {
            var genome = new RealGenomeFactory(bounds).Create(Streams.FromSeed(seed));

            Assert.Same(bounds, genome.Bounds);
            for (var i = 0; i < genome.Length; i++)
            {
                Assert.True(bounds.Contains(i, genome[i]));
            }
        });

    [Fact]
    public void IntegerGenomeFactory_SmallRange_HitsBothLimits()
    {
        var factory = new IntegerGenomeFactory(new GeneBounds<int>(1, 3, 5));
        var random = Streams.Fixed("integer-factory");

        var values = Enumerable.Range(0, 300).Select(_ => factory.Create(random)[0]).ToArray();

        Assert.Equal([3, 4, 5], values.Distinct().Order());
    }
}
