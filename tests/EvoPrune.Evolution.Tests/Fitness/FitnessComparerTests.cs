using CsCheck;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Fitness;

public class FitnessComparerTests
{
    [Fact]
    public void Compare_Maximize_HigherIsFitter()
    {
        var comparer = FitnessComparer.Maximize;

        Assert.True(comparer.IsFitter(new FitnessInfo(2), new FitnessInfo(1)));
        Assert.Equal(0, comparer.Compare(new FitnessInfo(1), new FitnessInfo(1)));
    }

    [Fact]
    public void Compare_Minimize_LowerIsFitter()
    {
        var comparer = FitnessComparer.Minimize;

        Assert.True(comparer.IsFitter(new FitnessInfo(-5), new FitnessInfo(3)));
        Assert.Equal(5.0, comparer.OrientedScore(new FitnessInfo(-5)));
    }

    [Fact]
    public void Compare_FailedOrNaNOrNull_WorstInBothDirections() =>
        Gen.Select(Gen.Double, Gens.Comparer).Sample((value, comparer) =>
        {
            var valid = new FitnessInfo(value);
            FitnessInfo[] failures = [FitnessInfo.Failed("crash"), new FitnessInfo(double.NaN), new FitnessInfo(value, failureCause: "timeout")];

            foreach (var failure in failures)
            {
                Assert.Equal(double.IsNaN(value) ? 0 : 1, comparer.Compare(valid, failure));
                Assert.Equal(double.IsNaN(value) ? 0 : -1, comparer.Compare(failure, valid));
                Assert.Equal(0, comparer.Compare(failure, FitnessInfo.Failed("other")));
                Assert.True(double.IsNaN(comparer.OrientedScore(failure)));
            }

            Assert.Equal(double.IsNaN(value) ? 0 : 1, comparer.Compare(valid, null));
        });

    [Fact]
    public void Compare_AnyPair_Antisymmetric() =>
        Gen.Select(Gens.Fitness, Gens.Fitness, Gens.Comparer).Sample((x, y, comparer) =>
            Assert.Equal(Math.Sign(comparer.Compare(x, y)), -Math.Sign(comparer.Compare(y, x))));

    [Fact]
    public void Constructor_UndefinedDirection_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitnessComparer((FitnessDirection)7));
}
