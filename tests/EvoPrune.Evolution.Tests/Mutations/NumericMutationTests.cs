using CsCheck;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Mutations;

public class NumericMutationTests
{
    [Fact]
    public void Gaussian_BoundedGenome_GenesStayWithinBounds() =>
        Gen.Select(Gens.RealPair, Gen.Double.Unit, Gen.Double[0.001, 100], Gens.Seed).Sample((pair, rate, sigma, seed) =>
        {
            var genome = pair.First;

            var mutated = new GaussianMutation(rate, sigma).Mutate(genome, Streams.FromSeed(seed));

            Assert.Same(genome.Bounds, mutated.Bounds);
            for (var i = 0; i < genome.Length; i++)
            {
                Assert.True(genome.Bounds!.Contains(i, mutated[i]));
            }
        });

    [Fact]
    public void Gaussian_Unbounded_NoiseHasMeanZeroAndSigma()
    {
        var genome = new RealGenome(new double[20_000]);

        var mutated = new GaussianMutation(1.0, 0.5).Mutate(genome, Streams.Fixed("gauss"));

        var genes = mutated.Genes.ToArray();
        Assert.InRange(genes.Average(), -0.02, 0.02);
        Assert.InRange(Math.Sqrt(genes.Select(g => g * g).Average()), 0.49, 0.51);
    }

    [Fact]
    public void Gaussian_RateZero_ReturnsTheSameGenome()
    {
        var genome = new RealGenome([1.0, 2.0]);

        Assert.Same(genome, new GaussianMutation(0.0, 1.0).Mutate(genome, Streams.Fixed("g")));
    }

    [Fact]
    public void Uniform_RealGenome_GenesStayWithinBounds() =>
        Gen.Select(Gens.RealPair, Gens.Seed).Sample((pair, seed) =>
        {
            var mutated = new UniformMutation(1.0).Mutate(pair.First, Streams.FromSeed(seed));

            for (var i = 0; i < mutated.Length; i++)
            {
                Assert.True(pair.First.Bounds!.Contains(i, mutated[i]));
            }
        });

    [Fact]
    public void Uniform_IntegerGenome_GenesStayWithinBounds() =>
        Gen.Select(Gens.BoundedInteger, Gens.Seed).Sample((genome, seed) =>
        {
            var mutated = new UniformMutation(0.5).Mutate(genome, Streams.FromSeed(seed));

            for (var i = 0; i < mutated.Length; i++)
            {
                Assert.True(genome.Bounds!.Contains(i, mutated[i]));
            }
        });

    [Fact]
    public void Uniform_IntegerRateOne_ValuesUniformOverTheRange()
    {
        var genome = new IntegerGenome(new int[8_000], new GeneBounds<int>(8_000, 0, 3));

        var mutated = new UniformMutation(1.0).Mutate(genome, Streams.Fixed("uniform-int"));

        var counts = mutated.Genes.ToArray().CountBy(g => g).ToDictionary();
        Assert.Equal([0, 1, 2, 3], counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, 1_850, 2_150));
    }

    [Fact]
    public void Uniform_UnboundedGenome_ThrowsNamingTheGenome()
    {
        var error = Assert.Throws<ArgumentException>(() => new UniformMutation(0.5).Mutate(new RealGenome([1.0]), Streams.Fixed("u")));

        Assert.Equal("genome", error.ParamName);
    }

    [Fact]
    public void Swap_AnyGenome_SameGenesInAnotherOrder() =>
        Gen.Select(Gens.BoundedInteger, Gen.Int[1, 5], Gens.Seed).Sample((genome, swaps, seed) =>
        {
            var unbounded = new IntegerGenome(genome.Genes);

            var mutated = new SwapMutation<IntegerGenome>(swaps).Mutate(unbounded, Streams.FromSeed(seed));

            Assert.Equal(unbounded.Genes.ToArray().Order(), mutated.Genes.ToArray().Order());
            Assert.InRange(Enumerable.Range(0, genome.Length).Count(i => unbounded[i] != mutated[i]), 0, 2 * swaps);
        });

    [Fact]
    public void Swap_DistinctGenes_ExactlyTwoPositionsChange()
    {
        var genome = new IntegerGenome([.. Enumerable.Range(0, 30)]);
        var random = Streams.Fixed("swap-one");

        for (var i = 0; i < 100; i++)
        {
            var mutated = new SwapMutation<IntegerGenome>().Mutate(genome, random);
            Assert.Equal(2, Enumerable.Range(0, 30).Count(j => mutated[j] != j));
        }
    }

    [Fact]
    public void Swap_SingleGene_ReturnsTheSameGenome()
    {
        var genome = new RealGenome([4.0]);

        Assert.Same(genome, new SwapMutation<RealGenome>().Mutate(genome, Streams.Fixed("s")));
    }

    [Fact]
    public void Constructors_InvalidParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMutation(0.1, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMutation(1.1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformMutation(2.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SwapMutation<RealGenome>(0));
    }
}
