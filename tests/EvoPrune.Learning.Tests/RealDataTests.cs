using EvoPrune.Data.Catalog;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using TorchSharp;

namespace EvoPrune.Learning.Tests;

/// <summary>Training on real digits. MNIST comes from the shared data folder; USPS ships in configs/data.</summary>
public class RealDataTests
{
    [SkippableFact]
    public void Train_LeNet300100OnMnistSubsetForOneEpoch_ReachesNinetyPercent()
    {
        RequireDataset("mnist");
        var data = DataCache.Prepare(new DataSpec { Dataset = "mnist", ValidationFraction = 0, MaxTrain = 8000, MaxTest = 2000 }, 1, [], torch.CPU);
        var architecture = new ModelSpec { Architecture = "lenet300-100" }.Build(data.Splits.Train);
        using var network = new MaskedNetwork(architecture, ["relu"], null, RandomKey.ForPurpose(1, "init"), torch.CPU);

        var report = new Trainer(new TrainerOptions { Epochs = 1, LearningRate = 0.02, BatchSize = 32 })
            .Train(network, data.Train, null, data.Test, RandomKey.ForPurpose(1, "shuffle"));

        Assert.True(report.TestAccuracy >= 0.90, $"test accuracy {report.TestAccuracy:P2} after one epoch on 8,000 MNIST digits");
    }

    [SkippableFact]
    public void Train_LeNet5OnUspsWithHalfTheWeightsPruned_LearnsAndKeepsPrunedWeightsZero()
    {
        RequireDataset("usps");
        var data = DataCache.Prepare(new DataSpec { Dataset = "usps", MaxTrain = 3000, MaxTest = 1000 }, 2, [], torch.CPU);
        var architecture = new ModelSpec { Architecture = "lenet5" }.Build(data.Splits.Train);
        var random = RandomSources.For(RandomKey.ForPurpose(2, "mask"));
        var masks = architecture.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextBool(0.5)).ToArray()).ToArray();
        using var network = new MaskedNetwork(architecture, ["relu"], masks, RandomKey.ForPurpose(2, "init"), torch.CPU);

        var report = new Trainer(new TrainerOptions { Epochs = 2, LearningRate = 0.05 })
            .Train(network, data.Train, data.Validation, data.Test, RandomKey.ForPurpose(2, "shuffle"));

        Assert.True(report.TestAccuracy >= 0.85, $"test accuracy {report.TestAccuracy:P2}");
        var conv0 = network.GetWeights(0);
        Assert.All(Enumerable.Range(0, conv0.Length).Where(i => !masks[0][i]), i => Assert.Equal(0f, conv0[i]));
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
