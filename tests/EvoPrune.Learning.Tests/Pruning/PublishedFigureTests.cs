using EvoPrune.Data.Catalog;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;
using TorchSharp;

namespace EvoPrune.Learning.Tests.Pruning;

/// <summary>The pruning methods against published figures and against each other on real MNIST digits.</summary>
[Trait("Category", "Slow")]
public class PublishedFigureTests
{
    /// <summary>
    /// SNIP (Lee et al. 2019, Table 3): LeNet-300-100 at 90% sparsity, Adam 1e-3, batch 100, sensitivity from one batch
    /// of 100, global top-κ: 1.91 ± 0.10% test error over 20 seeds (their training length is not given; about 20
    /// epochs). Here 3 epochs on the 54,000 training digits, one seed, so the bound is looser: within 0.6 pp.
    /// </summary>
    [SkippableFact]
    public void Snip_LeNet300100AtNinetyPercentOnMnist_LandsNearThePublishedError()
    {
        RequireDataset("mnist");
        var data = DataCache.Prepare(new DataSpec { Dataset = "mnist", ValidationFraction = 0.1, MaxValidation = 1000 }, 1, [], torch.CPU);
        var architecture = new ModelSpec { Architecture = "lenet300-100" }.Build(data.Splits.Train);
        var training = new TrainerOptions { Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, BatchSize = 100, Epochs = 3 };
        var context = new PruningContext(architecture, ["relu"], data.Train, data.Validation, data.Test, training, RandomKey.ForPurpose(1, "snip-published"));

        var outcome = new SnipPruning(SnipOptions.Global(0.9)).Run(context);

        Assert.Equal(0.9, outcome.Report.Sparsity, 9);
        var error = 100 * (1 - outcome.Report.TopOneAccuracy!.Value);
        Assert.True(Math.Abs(error - 1.91) <= 0.6, $"SNIP at 90%: {error:F2}% test error, published 1.91 ± 0.10%");
    }

    internal static void RequireDataset(string name)
    {
        if (new DatasetCatalog().Locate(name) != null)
        {
            return;
        }

        var reason = $"dataset '{name}' not found (set EVOPRUNE_DATA to the shared data folder)";
        if (Environment.GetEnvironmentVariable("EVOPRUNE_REQUIRE_DATA") == "1")
        {
            Assert.Fail(reason + "; EVOPRUNE_REQUIRE_DATA=1 makes this a failure");
        }

        Skip.If(true, reason);
    }
}
