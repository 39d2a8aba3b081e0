using CsCheck;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Selections;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Selections;

public class ProportionalSelectionTests
{
    public static TheoryData<string> Wheels => ["roulette", "sus"];

    [Theory]
    [MemberData(nameof(Wheels))]
    public void SelectIndices_PositiveFitness_ProportionalToFitness(string wheel)
    {
        var picks = Pick(wheel, [1, 2, 3, 4], FitnessComparer.Maximize, 20_000);

        // Shares 0.1 … 0.4; a tolerance of 0.02 is over five standard deviations for roulette.
        var frequencies = Streams.Frequencies(picks, 4);
        Assert.Equal([0.1, 0.2, 0.3, 0.4], frequencies, (e, a) => Math.Abs(e - a) < 0.02);
    }

    [Theory]
    [MemberData(nameof(Wheels))]
    public void SelectIndices_NegativeFitness_ShiftedSoTheWorstGetsNothing(string wheel)
    {
        var picks = Pick(wheel, [-3, -1, 1], FitnessComparer.Maximize, 12_000);

        // Shifted by 3: weights 0, 2, 4.
        var frequencies = Streams.Frequencies(picks, 3);
        Assert.Equal([0.0, 1.0 / 3, 2.0 / 3], frequencies, (e, a) => Math.Abs(e - a) < 0.02);
    }

    [Theory]
    [MemberData(nameof(Wheels))]
    public void SelectIndices_Minimize_SmallerFitnessGetsMore(string wheel)
    {
        var picks = Pick(wheel, [1, 2, 3], FitnessComparer.Minimize, 12_000);

        // Oriented scores -1, -2, -3 shifted by 3: weights 2, 1, 0.
        var frequencies = Streams.Frequencies(picks, 3);
        Assert.Equal([2.0 / 3, 1.0 / 3, 0.0], frequencies, (e, a) => Math.Abs(e - a) < 0.02);
    }

    [Theory]
    [InlineData("roulette", 5.0)]
    [InlineData("roulette", -2.0)]
    [InlineData("roulette", 0.0)]
    [InlineData("sus", 5.0)]
    [InlineData("sus", -2.0)]
    [InlineData("sus", 0.0)]
    public void SelectIndices_AllEqualFitness_Uniform(string wheel, double value)
    {
        var picks = Pick(wheel, [value, value, value, value], FitnessComparer.Maximize, 20_000);

        Assert.All(Streams.Frequencies(picks, 4), f => Assert.InRange(f, 0.23, 0.27));
    }

    [Theory]
    [MemberData(nameof(Wheels))]
    public void SelectIndices_AllFailed_Uniform(string wheel)
    {
        var fitness = Enumerable.Repeat(FitnessInfo.Failed("nan loss"), 4).ToArray();

        var picks = Wheel(wheel).SelectIndices(fitness, 20_000, FitnessComparer.Maximize, Streams.Fixed(wheel));

        Assert.All(Streams.Frequencies(picks, 4), f => Assert.InRange(f, 0.23, 0.27));
    }

    [Theory]
    [MemberData(nameof(Wheels))]
    public void SelectIndices_InfiniteFitness_TakesEveryPick(string wheel)
    {
        var picks = Pick(wheel, [1e300, double.PositiveInfinity, -1e300], FitnessComparer.Maximize, 100);

        Assert.All(picks, p => Assert.Equal(1, p));
    }

    [Fact]
    public void StochasticUniversalSampling_AnyPositiveFitness_EachCountIsFloorOrCeilingOfExpected() =>
        Gen.Select(Gen.Double[0.01, 100].Array[1, 30], Gen.Int[1, 80], Gens.Seed).Sample((values, count, seed) =>
        {
            var fitness = values.Select(v => new FitnessInfo(v)).ToArray();

            var picks = new StochasticUniversalSamplingSelection().SelectIndices(fitness, count, FitnessComparer.Maximize, Streams.FromSeed(seed));

            var total = values.Sum();
            for (var i = 0; i < values.Length; i++)
            {
                var expected = count * values[i] / total;
                var actual = picks.Count(p => p == i);
                Assert.InRange(actual, Math.Floor(expected - 1e-9), Math.Ceiling(expected + 1e-9));
            }
        });

    [Fact]
    public void StochasticUniversalSampling_ExactShares_ExactCountsInShuffledOrder()
    {
        var picks = Pick("sus", [1, 2, 3, 4], FitnessComparer.Maximize, 10);

        Assert.Equal([0, 1, 1, 2, 2, 2, 3, 3, 3, 3], picks.Order());
        Assert.NotEqual([0, 1, 1, 2, 2, 2, 3, 3, 3, 3], picks);
    }

    private static ISelection Wheel(string name) =>
        name == "sus" ? new StochasticUniversalSamplingSelection() : new RouletteWheelSelection();

    private static IReadOnlyList<int> Pick(string wheel, double[] values, FitnessComparer comparer, int count)
    {
        if (wheel == "roulette")
        {
            return new RouletteWheelSelection().SelectIndices([.. values.Select(v => new FitnessInfo(v))], count, comparer, Streams.Fixed(wheel));
        }

        // SUS is near-deterministic within one call; many small calls give the statistical picture.
        var picks = new List<int>();
        var random = Streams.Fixed(wheel);
        while (picks.Count < count)
        {
            picks.AddRange(new StochasticUniversalSamplingSelection().SelectIndices(
                [.. values.Select(v => new FitnessInfo(v))], Math.Min(count - picks.Count, count < 100 ? count : 7), comparer, random));
        }

        return picks;
    }
}
