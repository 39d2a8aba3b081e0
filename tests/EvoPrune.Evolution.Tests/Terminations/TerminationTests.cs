using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Populations;
using EvoPrune.Evolution.Terminations;

namespace EvoPrune.Evolution.Tests.Terminations;

public class TerminationTests
{
    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public void GenerationNumber_Generation_StopsFromTheLimitOn(long generation, bool expected) =>
        Assert.Equal(expected, new GenerationNumberTermination(5).HasReached(Status(generation)));

    [Fact]
    public void GenerationNumber_Zero_StopsAfterTheInitialPopulation() =>
        Assert.True(new GenerationNumberTermination(0).HasReached(Status(0)));

    [Theory]
    [InlineData(9.99, false)]
    [InlineData(10.0, true)]
    [InlineData(12.0, true)]
    public void FitnessThreshold_Maximize_StopsAtOrAbove(double best, bool expected) =>
        Assert.Equal(expected, new FitnessThresholdTermination(10).HasReached(Status(3, best: new FitnessInfo(best))));

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(1.0, true)]
    [InlineData(1.5, false)]
    public void FitnessThreshold_Minimize_StopsAtOrBelow(double best, bool expected) =>
        Assert.Equal(expected, new FitnessThresholdTermination(1.0).HasReached(Status(3, best: new FitnessInfo(best), comparer: FitnessComparer.Minimize)));

    [Fact]
    public void FitnessThreshold_FailedBest_NeverStops() =>
        Assert.False(new FitnessThresholdTermination(double.NegativeInfinity).HasReached(Status(3, best: FitnessInfo.Failed("x"))));

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 2.0, 2.0 }, false)]
    [InlineData(new[] { 1.0, 2.0, 2.0, 2.0, 2.0 }, true)]
    [InlineData(new[] { 1.0, 1.0, 1.0, 2.0, 1.0, 1.5, 2.0 }, true)]
    [InlineData(new[] { 5.0, 4.0, 3.0, 2.0, 6.0 }, false)]
    public void FitnessStagnation_Maximize_StopsAfterThreeFlatGenerations(double[] bests, bool expected) =>
        Assert.Equal(expected, new FitnessStagnationTermination(3).HasReached(StatusWithHistory(bests, FitnessComparer.Maximize)));

    [Theory]
    [InlineData(new[] { 5.0, 4.0, 4.0, 3.0 }, false)]
    [InlineData(new[] { 5.0, 4.0, 4.0, 4.0, 4.5 }, true)]
    public void FitnessStagnation_Minimize_DecreasesAreImprovements(double[] bests, bool expected) =>
        Assert.Equal(expected, new FitnessStagnationTermination(3).HasReached(StatusWithHistory(bests, FitnessComparer.Minimize)));

    [Theory]
    [InlineData(new[] { 1.0, 1.3, 1.6 }, false)]
    [InlineData(new[] { 1.0, 1.3, 1.5, 1.4 }, true)]
    public void FitnessStagnation_MinImprovement_SmallGainsDoNotCount(double[] bests, bool expected) =>
        Assert.Equal(expected, new FitnessStagnationTermination(3, minImprovement: 0.5).HasReached(StatusWithHistory(bests, FitnessComparer.Maximize)));

    [Fact]
    public void FitnessStagnation_FirstValidAfterFailures_CountsAsImprovement() =>
        Assert.False(new FitnessStagnationTermination(2).HasReached(StatusWithHistory([double.NaN, double.NaN, 1.0], FitnessComparer.Maximize)));

    [Theory]
    [InlineData(4_999, false)]
    [InlineData(5_000, true)]
    public void WallTime_Elapsed_StopsAtTheLimit(int milliseconds, bool expected) =>
        Assert.Equal(expected, new WallTimeTermination(TimeSpan.FromSeconds(5)).HasReached(Status(1, elapsed: TimeSpan.FromMilliseconds(milliseconds))));

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, true)]
    [InlineData(false, true, false, true)]
    [InlineData(true, true, true, true)]
    public void AndOr_Parts_CombineLogically(bool first, bool second, bool expectedAnd, bool expectedOr)
    {
        var parts = new ITermination[] { new Fixed(first), new Fixed(second) };

        Assert.Equal(expectedAnd, new AndTermination(parts).HasReached(Status(0)));
        Assert.Equal(expectedOr, new OrTermination(parts).HasReached(Status(0)));
    }

    [Fact]
    public void Constructors_InvalidParameters_Throw()
    {
        Assert.Throws<ArgumentException>(() => new AndTermination());
        Assert.Throws<ArgumentException>(() => new OrTermination(new Fixed(true), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationNumberTermination(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitnessStagnationTermination(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitnessThresholdTermination(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WallTimeTermination(TimeSpan.Zero));
    }

    private static EvolutionStatus Status(long generation, FitnessInfo? best = null, TimeSpan elapsed = default, FitnessComparer? comparer = null) =>
        new(generation, [], best ?? new FitnessInfo(0), elapsed, comparer ?? FitnessComparer.Maximize);

    private static EvolutionStatus StatusWithHistory(double[] bests, FitnessComparer comparer)
    {
        var history = bests.Select((b, g) => new GenerationStatistics(g, new FitnessInfo(b), g, b, 0, 1)).ToArray();
        return new EvolutionStatus(bests.Length - 1, history, history.Select(h => h.Best).Max(comparer)!, TimeSpan.Zero, comparer);
    }

    private sealed class Fixed(bool value) : ITermination
    {
        public bool HasReached(EvolutionStatus status) => value;
    }
}
