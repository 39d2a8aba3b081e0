using EvoPrune.Evolution.Fitness;

namespace EvoPrune.Evolution.Tests.Fitness;

public class FitnessInfoTests
{
    [Fact]
    public void IsFailed_NaNPrimaryWithoutCause_True()
    {
        Assert.True(new FitnessInfo(double.NaN).IsFailed);
        Assert.True(FitnessInfo.Failed("crash").IsFailed);
        Assert.False(new FitnessInfo(0).IsFailed);
    }

    [Fact]
    public void Equals_SameValuesAndScores_EqualEvenWithNaN()
    {
        var a = new FitnessInfo(double.NaN, new Dictionary<string, double> { ["b"] = 2, ["a"] = 1 });
        var b = new FitnessInfo(double.NaN, new Dictionary<string, double> { ["a"] = 1, ["b"] = 2 });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.WithScore("b", 3));
        Assert.NotEqual(new FitnessInfo(1), new FitnessInfo(1, failureCause: "x"));
    }

    [Fact]
    public void WithScore_NewName_AddsWithoutChangingTheOriginal()
    {
        var original = new FitnessInfo(0.9);

        var scored = original.WithScore("sparsity", 0.8);

        Assert.Equal(0.8, scored.Score("sparsity"));
        Assert.Null(original.Score("sparsity"));
        Assert.Equal(0.9, scored.Primary);
    }

    [Fact]
    public void Constructor_CallerChangesItsDictionary_ScoresUnchanged()
    {
        var scores = new Dictionary<string, double> { ["flops"] = 10 };
        var fitness = new FitnessInfo(1, scores);

        scores["flops"] = 20;

        Assert.Equal(10, fitness.Score("flops"));
    }

    [Fact]
    public void ToString_FailedAndScored_ShowsCauseAndScores()
    {
        Assert.Equal("failed: oom", FitnessInfo.Failed("oom").ToString());
        Assert.Equal("0.5 (sparsity=0.25)", new FitnessInfo(0.5).WithScore("sparsity", 0.25).ToString());
    }
}
