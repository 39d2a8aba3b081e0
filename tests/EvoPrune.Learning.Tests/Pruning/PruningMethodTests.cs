using EvoPrune.Learning.Pruning;

namespace EvoPrune.Learning.Tests.Pruning;

public class PruningMethodTests
{
    public static TheoryData<string, bool> Methods() => new()
    {
        { "random", false }, { "random", true },
        { "magnitude", false }, { "magnitude", true },
        { "snip", false }, { "snip", true },
        { "dg", false }, { "dg-grad", true },
        { "kstarts", false },
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Run_AnyMethod_HitsTargetExactlyAndPrunedWeightsStayZero(string method, bool global)
    {
        var target = global ? PruningTarget.Global(0.9) : PruningTarget.PerLayer(0.9);
        var outcome = Create(method, target).Run(UspsContexts.Mlp(seed: 3, epochs: 2));

        UspsContexts.AssertExactAndZero(outcome, target);
        Assert.True(outcome.Report.TopOneAccuracy > 0.5, $"{method}: accuracy {outcome.Report.TopOneAccuracy}");
        Assert.True(outcome.Report.CompressionRatio > 5);
        Assert.True(outcome.Report.TheoreticalSpeedup > 9.9);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("snip")]
    [InlineData("dg")]
    public void Run_SameSeedTwice_GivesSameMask(string method)
    {
        var target = PruningTarget.PerLayer(0.8);
        var first = Create(method, target).Run(UspsContexts.Mlp(seed: 5));
        var second = Create(method, target).Run(UspsContexts.Mlp(seed: 5));
        var other = Create(method, target).Run(UspsContexts.Mlp(seed: 6));

        Assert.Equal(first.Masks, second.Masks);
        Assert.Equal(first.Weights, second.Weights);
        Assert.NotEqual(first.Masks[0], other.Masks[0]);
    }

    [Fact]
    public void Run_DissipatingGradientsBySteps_PrunesGraduallyToExactTarget()
    {
        var target = PruningTarget.PerLayer(0.95);
        var options = new DissipatingGradientsOptions { Target = target, PruneEpochs = 1, PruneEverySteps = 5, Schedule = SparsitySchedule.Linear };

        var outcome = new DissipatingGradients(options).Run(UspsContexts.Mlp(seed: 4, epochs: 2));

        UspsContexts.AssertExactAndZero(outcome, target);
        Assert.Equal(0.5, options.SparsityAt(0.5, 1.0));
    }

    internal static IPruningMethod Create(string method, PruningTarget target) => method switch
    {
        "random" => new RandomPruning(target),
        "magnitude" => new MagnitudePruning(new MagnitudePruningOptions { Target = target }),
        "snip" => new SnipPruning(new SnipOptions { Target = target }),
        "dg" => new DissipatingGradients(new DissipatingGradientsOptions { Target = target, PruneEpochs = 1 }),
        "dg-grad" => new DissipatingGradients(new DissipatingGradientsOptions { Target = target, PruneEpochs = 1, Criterion = DriftCriterion.GradientAccumulation }),
        "kstarts" => new KStartsSearch(new KStartsOptions { Target = target, Starts = 3 }),
        _ => throw new ArgumentException(method, nameof(method)),
    };
}
