using CsCheck;
using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Crossovers;

public class PositionalCrossoverTests
{
    public static TheoryData<string> Names => ["uniform", "one-point", "two-point"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Cross_Masks_ChildrenKeepLayoutAndShareOutTheParentsBits(string name) =>
        Gen.Select(Gens.MaskPair, Gens.Seed).Sample((pair, seed) =>
        {
            var (a, b) = pair;
            var (beforeA, beforeB) = (a.Bits.ToArray(), b.Bits.ToArray());

            var children = Crossover<MaskGenome>(name).Cross([a, b], Streams.FromSeed(seed));

            Assert.Equal(2, children.Count);
            Assert.All(children, c => Assert.Equal(a.Layout, c.Layout));
            Assert.All(children, c => Assert.Equal(0, c.Id));
            for (var i = 0; i < a.Length; i++)
            {
                Assert.Equal(a[i] ^ b[i], children[0][i] ^ children[1][i]);
                Assert.Equal(a[i] && b[i], children[0][i] && children[1][i]);
            }

            Assert.Equal(beforeA, a.Bits.ToArray());
            Assert.Equal(beforeB, b.Bits.ToArray());
        });

    [Theory]
    [MemberData(nameof(Names))]
    public void Cross_RealGenomes_ChildrenKeepLengthAndBounds(string name) =>
        Gen.Select(Gens.RealPair, Gens.Seed).Sample((pair, seed) =>
        {
            var children = Crossover<RealGenome>(name).Cross([pair.First, pair.Second], Streams.FromSeed(seed));

            Assert.All(children, c => Assert.Equal(pair.First.Length, c.Length));
            Assert.All(children, c => Assert.Same(pair.First.Bounds, c.Bounds));
        });

    [Fact]
    public void OnePoint_DistinctParents_OneSwitchBetweenParents() =>
        Gen.Select(Gen.Int[2, 40], Gens.Seed).Sample((n, seed) =>
        {
            var sources = SourcePattern(new OnePointCrossover<IntegerGenome>(), n, seed);

            // 0…0 1…1 with both parts non-empty.
            Assert.Equal(1, Switches(sources));
            Assert.False(sources[0]);
        });

    [Fact]
    public void TwoPoint_DistinctParents_MiddleSegmentFromTheOtherParent() =>
        Gen.Select(Gen.Int[3, 40], Gens.Seed).Sample((n, seed) =>
        {
            var sources = SourcePattern(new TwoPointCrossover<IntegerGenome>(), n, seed);

            // 0…0 1…1 0…0, where the head and the middle are non-empty and the tail may be empty.
            Assert.False(sources[0]);
            Assert.Contains(true, sources);
            Assert.InRange(Switches(sources), 1, 2);
        });

    [Fact]
    public void TwoPoint_ManyCrosses_EveryCutPairOccurs()
    {
        var crossover = new TwoPointCrossover<IntegerGenome>();
        var random = Streams.Fixed("two-point");
        var segments = new HashSet<(int, int)>();
        for (var i = 0; i < 400; i++)
        {
            var sources = SourcePattern(crossover, 6, random);
            segments.Add((Array.IndexOf(sources, true), Array.LastIndexOf(sources, true)));
        }

        // Cuts a < b from 1..5: C(5, 2) = 10 segments [a, b).
        Assert.Equal(10, segments.Count);
    }

    [Fact]
    public void Uniform_HalfMix_AboutHalfThePositionsSwapped()
    {
        var sources = SourcePattern(new UniformCrossover<IntegerGenome>(0.5), 10_000, Streams.Fixed("uniform"));

        Assert.InRange(sources.Count(s => s), 4_800, 5_200);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Cross_OneGene_ChildrenCopyTheParents(string name)
    {
        var children = Crossover<IntegerGenome>(name).Cross([new IntegerGenome([1]), new IntegerGenome([2])], Streams.Fixed(name));

        if (name != "uniform")
        {
            Assert.Equal([1, 2], children.Select(c => c[0]));
        }

        Assert.Equal([1, 2], children.Select(c => c[0]).Order());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Cross_WrongParentCountOrShape_Throws(string name)
    {
        var crossover = Crossover<IntegerGenome>(name);
        var random = Streams.Fixed("guard");

        Assert.Throws<ArgumentException>(() => crossover.Cross([new IntegerGenome([1, 2])], random));
        Assert.Throws<ArgumentException>(() => crossover.Cross([new IntegerGenome([1, 2]), new IntegerGenome([1, 2, 3])], random));
    }

    [Fact]
    public void UniformCrossover_MixProbabilityOutsideUnitInterval_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformCrossover<MaskGenome>(1.2));

    private static ICrossover<TGenome> Crossover<TGenome>(string name)
        where TGenome : class, ILinearGenome<TGenome> => name switch
        {
            "uniform" => new UniformCrossover<TGenome>(),
            "one-point" => new OnePointCrossover<TGenome>(),
            _ => new TwoPointCrossover<TGenome>(),
        };

    private static bool[] SourcePattern(ICrossover<IntegerGenome> crossover, int n, ulong seed) =>
        SourcePattern(crossover, n, Streams.FromSeed(seed));

    // Parents i and -i-1 differ everywhere, so each gene of the first child shows which parent it came from.
    private static bool[] SourcePattern(ICrossover<IntegerGenome> crossover, int n, IRandomSource random)
    {
        var first = new IntegerGenome([.. Enumerable.Range(0, n)]);
        var second = new IntegerGenome([.. Enumerable.Range(0, n).Select(i => -i - 1)]);
        var children = crossover.Cross([first, second], random);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(first[i] + second[i], children[0][i] + children[1][i]);
        }

        return [.. children[0].Genes.ToArray().Select(g => g < 0)];
    }

    private static int Switches(bool[] sources) => sources.Zip(sources.Skip(1)).Count(p => p.First != p.Second);
}
