using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;

namespace EvoPrune.Learning.Tests.Pruning;

/// <summary>Dissipating gradients from a sparse start (the K-starts combination) and the IMP re-init control as a method.</summary>
public class CombinationTests
{
    [Fact]
    public void DriftPruner_FromSparseStart_OnlyRemovesAndLandsExactlyOnTheTarget()
    {
        var context = UspsContexts.Mlp(seed: 5, epochs: 2);
        var start = RandomPruning.DrawMasks(context.LayerSizes, PruningTarget.PerLayer(0.5), RandomSources.For(context.KeyFor("start")));
        var options = new DissipatingGradientsOptions { Target = PruningTarget.PerLayer(0.9), PruneEpochs = 1, PruneEverySteps = 5 };
        using var network = context.CreateNetwork(start);
        using var pruner = new DriftPruner(options, network, start, context.Train.Count, context.Training);
        var sparsities = new List<double>();

        new Trainer(context.Training).Fit(network, context.Train, context.KeyFor("shuffle"), 2, afterStep: step =>
        {
            pruner.AfterStep(step);
            sparsities.Add(network.Sparsity);
        });

        Assert.Equal(PruningTarget.PerLayer(0.9).KeptPerLayer(context.LayerSizes), pruner.Masks.Select(m => m.LongCount(b => b)).ToArray());
        Assert.All(Enumerable.Range(0, start.Length), l => Assert.All(Enumerable.Range(0, start[l].Length), j => Assert.True(start[l][j] || !pruner.Masks[l][j])));
        Assert.True(sparsities.Zip(sparsities.Skip(1)).All(p => p.Second >= p.First - 1e-12), "sparsity went down during refinement");
        Assert.InRange(sparsities[0], 0.5, 0.6);
    }

    [Theory]
    [InlineData(KStartsCriterion.Combined)]
    [InlineData(KStartsCriterion.ValidationAccuracy)]
    public void KStartsSearch_RefinedByDissipatingGradients_EndsExactlyAtTheFinalTarget(KStartsCriterion criterion)
    {
        var context = UspsContexts.Mlp(seed: 8, epochs: 2);
        var options = new KStartsOptions
        {
            Target = PruningTarget.PerLayer(0.45),
            Starts = 3,
            Criterion = criterion,
            Refine = new DissipatingGradientsOptions { Target = PruningTarget.PerLayer(0.9), PruneEpochs = 1, PruneEverySteps = 4 },
        };
        var search = new KStartsSearch(options);

        var outcome = search.Search(context);

        Assert.Equal("kstarts-dg-" + (criterion == KStartsCriterion.Combined ? "both" : "val"), search.Name);
        Assert.Equal(0.9, search.TargetSparsity);
        UspsContexts.AssertExactAndZero(outcome.Winner, PruningTarget.PerLayer(0.9));
        Assert.All(outcome.Scores, s => Assert.Equal(outcome.Winner.Report.Sparsity, s.Sparsity, 12));
    }

    [Fact]
    public void ImpReinitControl_TrainsImpsFinalMaskFromFreshWeights()
    {
        var context = UspsContexts.Mlp(seed: 4);
        var options = new ImpOptions { Rounds = 2, Target = PruningTarget.PerLayer(0.8) };

        var imp = new IterativeMagnitudePruning(options).Run(context);
        var control = new ImpReinitControl(options).Run(context);

        Assert.Equal("imp-reinit", control.Report.Method);
        Assert.Equal(imp.Masks, control.Masks);
        UspsContexts.AssertExactAndZero(control, PruningTarget.PerLayer(0.8));
        Assert.NotEqual(imp.Weights[0], control.Weights[0]);
    }
}
