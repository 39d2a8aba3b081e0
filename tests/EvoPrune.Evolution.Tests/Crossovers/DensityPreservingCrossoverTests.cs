using CsCheck;
using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Crossovers;

public class DensityPreservingCrossoverTests
{
    [Fact]
    public void Cross_AnyMasks_EachChildKeepsItsParentsCountPerLayer() =>
        Gen.Select(Gens.MaskPair, Gens.Seed).Sample((pair, seed) =>
        {
            var (a, b) = pair;

            var children = new DensityPreservingCrossover().Cross([a, b], Streams.FromSeed(seed));

            Assert.Equal(2, children.Count);
            for (var layer = 0; layer < a.LayerCount; layer++)
            {
                Assert.Equal(a.LayerKeptCount(layer), children[0].LayerKeptCount(layer));
                Assert.Equal(b.LayerKeptCount(layer), children[1].LayerKeptCount(layer));
            }
        });

    [Fact]
    public void Cross_AnyMasks_AgreementsCopiedAndDisagreementsSplit() =>
        Gen.Select(Gens.MaskPair, Gens.Seed).Sample((pair, seed) =>
        {
            var (a, b) = pair;

            var children = new DensityPreservingCrossover().Cross([a, b], Streams.FromSeed(seed));

            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] == b[i])
                {
                    Assert.All(children, c => Assert.Equal(a[i], c[i]));
                }
                else
                {
                    Assert.NotEqual(children[0][i], children[1][i]);
                }
            }
        });

    [Fact]
    public void Cross_DisjointMasks_ChildrenMixBothParents()
    {
        var layout = new MaskLayout([20]);
        var a = new MaskGenome(layout, [.. Enumerable.Range(0, 20).Select(i => i < 10)]);
        var b = new MaskGenome(layout, [.. Enumerable.Range(0, 20).Select(i => i >= 10)]);

        var child = new DensityPreservingCrossover().Cross([a, b], Streams.Fixed("dp"))[0];

        Assert.Equal(10, child.KeptCount);
        Assert.InRange(child.Bits[..10].Count(true), 1, 9);
    }

    [Fact]
    public void Cross_ManyCrosses_EachDisagreementEquallyLikely()
    {
        var layout = new MaskLayout([4]);
        var a = new MaskGenome(layout, [true, false, false, false]);
        var b = new MaskGenome(layout, [false, true, true, true]);
        var crossover = new DensityPreservingCrossover();
        var random = Streams.Fixed("dp-uniform");
        var counts = new int[4];

        for (var i = 0; i < 8_000; i++)
        {
            var child = crossover.Cross([a, b], random)[0];
            counts[Array.IndexOf(child.Bits.ToArray(), true)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 1_850, 2_150));
    }

    [Fact]
    public void Cross_DifferentLayouts_Throws() =>
        Assert.Throws<ArgumentException>(() => new DensityPreservingCrossover().Cross(
            [new MaskGenome([2, 2], new bool[4]), new MaskGenome([4], new bool[4])], Streams.Fixed("x")));
}
