using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Randomness;

public class CounterRandomSourceTests
{
    private static readonly RandomKey Key = new(2026, 5, 9, "test");

    [Fact]
    public void NextUInt64_SameKey_SameStream()
    {
        var a = new CounterRandomSource(Key);
        var b = RandomSources.For(Key);

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Theory]
    [InlineData(2027UL, 5L, 9L, "test")]
    [InlineData(2026UL, 6L, 9L, "test")]
    [InlineData(2026UL, 5L, 10L, "test")]
    [InlineData(2026UL, 5L, 9L, "tesT")]
    public void NextUInt64_KeysDifferInOnePart_StreamsDiffer(ulong seed, long generation, long genome, string purpose)
    {
        var a = RandomSources.For(Key);
        var b = RandomSources.For(seed, generation, genome, purpose);

        var same = Enumerable.Range(0, 64).Count(_ => a.NextUInt64() == b.NextUInt64());

        Assert.Equal(0, same);
    }

    [Fact]
    public void Constructor_WithPosition_ContinuesTheStreamThere()
    {
        var fresh = new CounterRandomSource(Key);
        var skipped = Enumerable.Range(0, 10).Select(_ => fresh.NextUInt64()).ToArray();

        var resumed = new CounterRandomSource(Key, position: 10);

        Assert.Equal(10UL, fresh.Position);
        Assert.Equal(fresh.NextUInt64(), resumed.NextUInt64());
        Assert.Equal(11UL, resumed.Position);
        Assert.Equal(10, skipped.Distinct().Count());
    }

    [Fact]
    public void NextDouble_ManyDraws_InUnitIntervalWithMeanNearHalf()
    {
        var random = RandomSources.For(Key);
        var draws = Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()).ToArray();

        Assert.All(draws, d => Assert.InRange(d, 0.0, Math.BitDecrement(1.0)));
        Assert.InRange(draws.Average(), 0.49, 0.51);
        Assert.InRange(draws.Count(d => d < 0.1), 9_000, 11_000);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void NextInt_AnyBound_StaysWithinIt(int max)
    {
        var random = RandomSources.For(Key.WithPurpose($"bound-{max}"));

        for (var i = 0; i < 20_000; i++)
        {
            Assert.InRange(random.NextInt(max), 0, max - 1);
        }
    }

    [Fact]
    public void NextInt_TenBuckets_RoughlyUniform()
    {
        var random = RandomSources.For(Key);
        var counts = new int[10];
        for (var i = 0; i < 100_000; i++)
        {
            counts[random.NextInt(10)]++;
        }

        // Expected 10,000 per bucket with a standard deviation of about 95.
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void NextInt_LargeBound_ReachesTheUpperHalf()
    {
        var random = RandomSources.For(Key);

        var upper = Enumerable.Range(0, 10_000).Count(_ => random.NextInt(int.MaxValue) > int.MaxValue / 2);

        Assert.InRange(upper, 4_700, 5_300);
    }

    [Theory]
    [InlineData(-5, 5)]
    [InlineData(10, 11)]
    [InlineData(-100, -90)]
    public void NextInt_Range_StaysWithinAndHitsBothEnds(int min, int max)
    {
        var random = RandomSources.For(Key);
        var draws = Enumerable.Range(0, 5_000).Select(_ => random.NextInt(min, max)).ToArray();

        Assert.All(draws, d => Assert.InRange(d, min, max - 1));
        Assert.Equal(min, draws.Min());
        Assert.Equal(max - 1, draws.Max());
    }

    [Fact]
    public void NextInt_EmptyOrNegativeRange_Throws()
    {
        var random = RandomSources.For(Key);

        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(5, 5));
    }

    [Fact]
    public void NextGaussian_ManyDraws_StandardNormalMoments()
    {
        var random = RandomSources.For(Key);
        var draws = Enumerable.Range(0, 50_000).Select(_ => random.NextGaussian()).ToArray();
        var mean = draws.Average();
        var variance = draws.Select(d => (d - mean) * (d - mean)).Average();

        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.97, 1.03);
        Assert.InRange(draws.Count(d => Math.Abs(d) < 1), 33_500, 34_800);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(1.0)]
    public void NextBool_Probability_MatchesFrequency(double p)
    {
        var random = RandomSources.For(Key);

        var hits = Enumerable.Range(0, 20_000).Count(_ => random.NextBool(p));

        Assert.InRange(hits / 20_000.0, p - 0.015, p + 0.015);
    }

    [Fact]
    public void Shuffle_SameKey_SamePermutation()
    {
        var a = Enumerable.Range(0, 50).ToList();
        var b = Enumerable.Range(0, 50).ToList();

        RandomSources.For(Key).Shuffle(a);
        RandomSources.For(Key).Shuffle(b);

        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 50), a.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), a);
    }

    [Fact]
    public void NextInclusive_FullIntRange_StaysWithinAndCoversBothSigns()
    {
        var random = RandomSources.For(Key);
        var draws = Enumerable.Range(0, 10_000).Select(_ => random.NextInclusive(int.MinValue, int.MaxValue)).ToArray();

        Assert.InRange(draws.Count(d => d < 0), 4_700, 5_300);
    }

    [Fact]
    public void NextInclusive_SmallRange_HitsEveryValue()
    {
        var random = RandomSources.For(Key);
        var draws = Enumerable.Range(0, 2_000).Select(_ => random.NextInclusive(-2, 2)).ToArray();

        Assert.Equal([-2, -1, 0, 1, 2], draws.Distinct().Order());
    }
}
