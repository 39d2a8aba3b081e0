using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Crossovers;

/// <summary>
/// The density-preserving crossover works on packed words; it must make exactly the children the one-byte-per-weight
/// form (kept the way it was first written, below) makes, for every seed, so runs replay as before.
/// </summary>
public sealed class CrossoverReferenceTests
{
    [Theory]
    [InlineData(new[] { 300, 100, 10 }, 0.1)]
    [InlineData(new[] { 76800, 30000, 1000 }, 0.1)] // LeNet-300-100 on USPS: layer edges inside words
    [InlineData(new[] { 2000, 37, 9 }, 0.5)]
    [InlineData(new[] { 63, 1, 65, 130 }, 0.3)]
    public void Cross_ManySeeds_EqualsTheBoolForm(int[] layers, double density)
    {
        var layout = new MaskLayout(layers);
        var factory = new MaskGenomeFactory(layout, density);
        for (var seed = 0; seed < (layout.TotalLength > 10_000 ? 8 : 60); seed++)
        {
            var x = factory.Create(RandomSources.For(9, 0, seed, "x"));
            var y = factory.Create(RandomSources.For(9, 0, seed, "y"));
            var (a, b) = DensityPreservingCrossover.Cross(layout, x.ToPackedWords(), y.ToPackedWords(), RandomSources.For(9, 1, seed, "cross"));
            var (refA, refB) = BoolForm(x, y, RandomSources.For(9, 1, seed, "cross"));
            Assert.True(MaskPacking.UnpackWords(a, layout.TotalLength).AsSpan().SequenceEqual(refA), $"seed {seed}: first children differ");
            Assert.True(MaskPacking.UnpackWords(b, layout.TotalLength).AsSpan().SequenceEqual(refB), $"seed {seed}: second children differ");

            var viaGenomes = new DensityPreservingCrossover().Cross([x, y], RandomSources.For(9, 1, seed, "cross"));
            Assert.True(viaGenomes[0].Bits.SequenceEqual(refA) && viaGenomes[1].Bits.SequenceEqual(refB), $"seed {seed}: the genome overload differs");
        }
    }

    // The crossover as first written, over one bool per weight.
    private static (bool[] A, bool[] B) BoolForm(MaskGenome first, MaskGenome second, IRandomSource random)
    {
        var x = first.Bits;
        var y = second.Bits;
        var childA = x.ToArray();
        var childB = x.ToArray();
        var disagree = new List<int>();
        for (var layer = 0; layer < first.LayerCount; layer++)
        {
            disagree.Clear();
            var firstKeeps = 0;
            var end = first.Layout.Offset(layer) + first.LayerSizes[layer];
            for (var i = first.Layout.Offset(layer); i < end; i++)
            {
                if (x[i] != y[i])
                {
                    disagree.Add(i);
                    firstKeeps += x[i] ? 1 : 0;
                }
            }

            for (var j = 0; j < disagree.Count; j++)
            {
                if (j < firstKeeps)
                {
                    var r = random.NextInt(j, disagree.Count);
                    (disagree[j], disagree[r]) = (disagree[r], disagree[j]);
                }

                childA[disagree[j]] = j < firstKeeps;
                childB[disagree[j]] = j >= firstKeeps;
            }
        }

        return (childA, childB);
    }
}
