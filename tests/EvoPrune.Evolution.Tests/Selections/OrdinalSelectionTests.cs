using CsCheck;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Selections;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Selections;

public class OrdinalSelectionTests
{
    private static readonly FitnessInfo[] Ladder = [.. Enumerable.Range(0, 20).Select(i => new FitnessInfo(i))];

    [Fact]
    public void Tournament_SizeThree_PicksClearlyAboveTheMean()
    {
        var picks = new TournamentSelection(3).SelectIndices(Ladder, 10_000, FitnessComparer.Maximize, Streams.Fixed("tournament"));

        // The best of m distinct draws from 1..N has mean m(N + 1)/(m + 1): 14.75 here on 0..19, against a population
        // mean of 9.5; the standard error over 10,000 picks is about 0.04.
        Assert.InRange(picks.Average(), 14.55, 14.95);
    }

    [Fact]
    public void Tournament_LargerSize_StrongerPressure()
    {
        var random = Streams.Fixed("tournament-pressure");

        var means = new[] { 1, 2, 5, 10 }.Select(size =>
            new TournamentSelection(size).SelectIndices(Ladder, 5_000, FitnessComparer.Maximize, random).Average()).ToArray();

        Assert.Equal(means.Order(), means);
        Assert.InRange(means[0], 9.0, 10.0);
    }

    [Fact]
    public void Tournament_SizeOfPopulation_AlwaysTheBest() =>
        Gen.Select(Gens.FitnessList, Gens.Comparer, Gens.Seed).Sample((fitness, comparer, seed) =>
        {
            var picks = new TournamentSelection(fitness.Length).SelectIndices(fitness, 10, comparer, Streams.FromSeed(seed));

            Assert.All(picks, p => Assert.True(fitness.All(f => comparer.Compare(fitness[p], f) >= 0)));
        });

    [Fact]
    public void Tournament_LargerThanPopulation_ThrowsNamingBothSizes()
    {
        var selection = new TournamentSelection(5);

        var error = Assert.Throws<ArgumentException>(() => selection.ValidatePopulationSize(4));

        Assert.Contains("Tournament size 5 exceeds the population size 4", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => selection.SelectIndices(Ladder[..4], 1, FitnessComparer.Maximize, Streams.Fixed("t")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TournamentSelection(0));
    }

    [Fact]
    public void Truncation_AnyPopulation_PicksOnlyFromTheTopProportion() =>
        Gen.Select(Gens.FitnessList, Gen.Double[0.01, 1], Gens.Comparer, Gens.Seed).Sample((fitness, proportion, comparer, seed) =>
        {
            var selection = new TruncationSelection(proportion);
            var kept = selection.KeptCount(fitness.Length);
            var cutoff = fitness.OrderDescending(comparer).ElementAt(kept - 1);

            var picks = selection.SelectIndices(fitness, 40, comparer, Streams.FromSeed(seed));

            Assert.All(picks, p => Assert.True(comparer.Compare(fitness[p], cutoff) >= 0));
        });

    [Fact]
    public void Truncation_Quarter_PicksTheTopFiveUniformly()
    {
        var picks = new TruncationSelection(0.25).SelectIndices(Ladder, 10_000, FitnessComparer.Maximize, Streams.Fixed("truncation"));

        var frequencies = Streams.Frequencies(picks, 20);
        Assert.All(frequencies[15..], f => Assert.InRange(f, 0.18, 0.22));
        Assert.All(frequencies[..15], f => Assert.Equal(0.0, f));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Truncation_ProportionOutsideRange_Throws(double proportion) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruncationSelection(proportion));

    [Fact]
    public void Elite_AnyPopulation_BestFirstInOrder() =>
        Gen.Select(Gens.FitnessList, Gens.Comparer).Sample((fitness, comparer) =>
        {
            var picks = new EliteSelection().SelectIndices(fitness, fitness.Length, comparer, Streams.Fixed("elite"));

            Assert.Equal(fitness.Length, picks.Distinct().Count());
            for (var i = 1; i < picks.Count; i++)
            {
                Assert.True(comparer.Compare(fitness[picks[i - 1]], fitness[picks[i]]) >= 0);
            }
        });

    [Fact]
    public void Elite_MoreThanPopulation_StartsAgainFromTheBest()
    {
        var picks = new EliteSelection().SelectIndices([new FitnessInfo(1), new FitnessInfo(3), new FitnessInfo(2)], 5, FitnessComparer.Maximize, Streams.Fixed("e"));

        Assert.Equal([1, 2, 0, 1, 2], picks);
    }

    [Fact]
    public void Rank_PressureTwo_WeightsProportionalToRank()
    {
        var picks = new RankSelection(2.0).SelectIndices([new FitnessInfo(10), new FitnessInfo(-5e6), new FitnessInfo(1e9)], 12_000, FitnessComparer.Maximize, Streams.Fixed("rank"));

        // Ranks 1, 0, 2 give weights 1, 0, 2 whatever the fitness scale.
        Assert.Equal([1.0 / 3, 0.0, 2.0 / 3], Streams.Frequencies(picks, 3), (e, a) => Math.Abs(e - a) < 0.02);
    }

    [Fact]
    public void Rank_TiedFitness_SharesTheAverageRank()
    {
        var picks = new RankSelection(2.0).SelectIndices([new FitnessInfo(5), new FitnessInfo(5), new FitnessInfo(1)], 12_000, FitnessComparer.Maximize, Streams.Fixed("rank-ties"));

        Assert.Equal([0.5, 0.5, 0.0], Streams.Frequencies(picks, 3), (e, a) => Math.Abs(e - a) < 0.02);
    }

    [Fact]
    public void Rank_OrderPreservingChangeOfFitness_SamePicks() =>
        Gen.Select(Gen.Double[-10, 10].Array[1, 30], Gens.Seed).Sample((values, seed) =>
        {
            var selection = new RankSelection(1.7);

            // Scaling by a power of two is exact, and negating under Minimize keeps the order: neither creates ties.
            var original = selection.SelectIndices([.. values.Select(v => new FitnessInfo(v))], 25, FitnessComparer.Maximize, Streams.FromSeed(seed));
            var scaled = selection.SelectIndices([.. values.Select(v => new FitnessInfo(v * 65536))], 25, FitnessComparer.Maximize, Streams.FromSeed(seed));
            var negated = selection.SelectIndices([.. values.Select(v => new FitnessInfo(-v))], 25, FitnessComparer.Minimize, Streams.FromSeed(seed));

            Assert.Equal(original, scaled);
            Assert.Equal(original, negated);
        });

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.5)]
    public void Rank_PressureOutsideOneToTwo_Throws(double pressure) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankSelection(pressure));
}
