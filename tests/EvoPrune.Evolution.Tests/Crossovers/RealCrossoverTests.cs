using CsCheck;
using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Crossovers;

public class RealCrossoverTests
{
    [Fact]
    public void Blend_AnyParents_ChildrenWithinWidenedIntervalAndBounds() =>
        Gen.Select(Gens.RealPair, Gen.Double[0, 2], Gens.Seed).Sample((pair, alpha, seed) =>
        {
            var (a, b) = pair;

            var children = new BlendCrossover(alpha).Cross([a, b], Streams.FromSeed(seed));

            foreach (var child in children)
            {
                for (var i = 0; i < a.Length; i++)
                {
                    var widen = alpha * Math.Abs(a[i] - b[i]);
                    Assert.InRange(child[i], Math.Min(a[i], b[i]) - widen - 1e-9, Math.Max(a[i], b[i]) + widen + 1e-9);
                    Assert.True(a.Bounds!.Contains(i, child[i]));
                }
            }
        });

    [Fact]
    public void Blend_AlphaHalf_SometimesLeavesTheParentsInterval()
    {
        var a = new RealGenome([0.0]);
        var b = new RealGenome([1.0]);
        var random = Streams.Fixed("blx");

        var genes = Enumerable.Range(0, 2_000).SelectMany(_ => new BlendCrossover(0.5).Cross([a, b], random)).Select(c => c[0]).ToArray();

        // Uniform on [-0.5, 1.5]: half the children fall outside [0, 1].
        Assert.InRange(genes.Count(g => g is < 0 or > 1) / (double)genes.Length, 0.45, 0.55);
        Assert.InRange(genes.Min(), -0.5, -0.45);
        Assert.InRange(genes.Max(), 1.45, 1.5);
    }

    [Fact]
    public void Arithmetic_AnyParents_ChildrenBetweenParentsWithTheSameSum() =>
        Gen.Select(Gens.RealPair, Gens.Seed).Sample((pair, seed) =>
        {
            var (a, b) = pair;

            var children = new ArithmeticCrossover().Cross([a, b], Streams.FromSeed(seed));

            for (var i = 0; i < a.Length; i++)
            {
                Assert.All(children, c => Assert.InRange(c[i], Math.Min(a[i], b[i]), Math.Max(a[i], b[i])));
                Assert.Equal(a[i] + b[i], children[0][i] + children[1][i], 1e-9);
            }
        });

    [Fact]
    public void Arithmetic_FixedWeight_WeightedAverages()
    {
        var children = new ArithmeticCrossover(0.25).Cross([new RealGenome([0.0, 4.0]), new RealGenome([8.0, 0.0])], Streams.Fixed("a"));

        Assert.Equal([6.0, 1.0], children[0].Genes.ToArray());
        Assert.Equal([2.0, 3.0], children[1].Genes.ToArray());
    }

    [Fact]
    public void Constructors_InvalidParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlendCrossover(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlendCrossover(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArithmeticCrossover(1.01));
    }
}
