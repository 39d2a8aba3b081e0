using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using TorchSharp;

namespace EvoPrune.Learning.Tests;

public class TrainerTests
{
    private static readonly TrainerOptions Quick = new() { Epochs = 2, BatchSize = 32, LearningRate = 0.05 };

    [Fact]
    public void Train_Blobs_LearnsAndReportsCounts()
    {
        var (network, train, test) = Build(masks: null, seed: 1);
        var report = new Trainer(Quick).Train(network, train, null, test, RandomKey.ForPurpose(1, "shuffle"));

        Assert.True(report.TestAccuracy > 0.9, $"accuracy {report.TestAccuracy}");
        Assert.True(report.EpochLosses[^1] < report.EpochLosses[0]);
        Assert.Equal(network.TotalWeights, report.KeptWeights);
        Assert.Equal(0.0, report.Sparsity);
        Assert.Equal(2 * 13, report.Steps); // 400 samples / 32 per batch = 13 batches per epoch
        DisposeAll(network, train, test);
    }

    [Fact]
    public void Train_WithMasks_PrunedWeightsAreExactlyZeroAfterTraining()
    {
        var masks = RandomMasks(seed: 7, density: 0.3);
        var (network, train, test) = Build(masks, seed: 2);
        // Adam with weight decay and SGD momentum both move weights whose gradient is zero; masks must still hold.
        var options = Quick with { Optimizer = OptimizerKind.Adam, LearningRate = 0.01, WeightDecay = 1e-3 };
        var report = new Trainer(options).Train(network, train, null, test, RandomKey.ForPurpose(2, "shuffle"));

        for (var layer = 0; layer < masks.Count; layer++)
        {
            var weights = network.GetWeights(layer);
            for (var j = 0; j < weights.Length; j++)
            {
                if (!masks[layer][j])
                {
                    Assert.Equal(0f, weights[j]);
                }
            }

            Assert.Contains(weights, w => w != 0f);
        }

        Assert.Equal(masks.Sum(m => m.LongCount(b => b)), report.KeptWeights);
        Assert.InRange(report.Sparsity, 0.6, 0.8);
        Assert.True(report.TheoreticalSpeedup > 1.0);
        DisposeAll(network, train, test);
    }

    [Fact]
    public void Train_SameSeedTwice_GivesBitIdenticalWeights()
    {
        float[][] Run(ulong seed)
        {
            var (network, train, test) = Build(RandomMasks(3, 0.5), seed);
            new Trainer(Quick).Train(network, train, null, test, RandomKey.ForPurpose(seed, "shuffle"));
            var weights = Enumerable.Range(0, network.Layers.Count).Select(network.GetWeights).ToArray();
            DisposeAll(network, train, test);
            return weights;
        }

        var first = Run(11);
        var second = Run(11);
        var other = Run(12);
        for (var layer = 0; layer < first.Length; layer++)
        {
            Assert.Equal(first[layer], second[layer]);
        }

        Assert.NotEqual(first[0], other[0]);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    public void Session_StoppedAndResumed_TrainsExactlyAsOneRun(OptimizerKind optimizer)
    {
        var options = Quick with { Epochs = 3, Optimizer = optimizer, LearningRate = optimizer == OptimizerKind.Adam ? 0.01 : 0.05 };
        var (whole, train, test) = Build(RandomMasks(5, 0.4), seed: 6);
        var (resumed, train2, test2) = Build(RandomMasks(5, 0.4), seed: 6);
        var (restarted, train3, test3) = Build(RandomMasks(5, 0.4), seed: 6);
        var key = RandomKey.ForPurpose(6, "shuffle");
        var trainer = new Trainer(options);

        var (losses, steps) = trainer.Fit(whole, train, key);
        using (var session = trainer.Begin(resumed, train, key))
        {
            var first = session.Run(1);
            var rest = session.Run(2);
            Assert.Equal(losses, first.Concat(rest));
            Assert.Equal((3, steps), (session.EpochsDone, session.Steps));
        }

        // The control: a fresh optimiser for the last two epochs (what K-starts did before sessions) ends elsewhere.
        trainer.Fit(restarted, train, key, epochs: 1);
        trainer.Fit(restarted, train, RandomKey.ForPurpose(6, "shuffle/continue"), epochs: 2);

        for (var layer = 0; layer < whole.Layers.Count; layer++)
        {
            Assert.Equal(whole.GetWeights(layer), resumed.GetWeights(layer));
        }

        Assert.NotEqual(whole.GetWeights(0), restarted.GetWeights(0));
        DisposeAll(whole, train, test, resumed, train2, test2, restarted, train3, test3);
    }

    [Fact]
    public void Session_StepBudget_CountsOverEveryRun()
    {
        var (network, train, test) = Build(masks: null, seed: 8);
        using var session = new Trainer(Quick with { MaxSteps = 20 }).Begin(network, train, RandomKey.ForPurpose(8, "shuffle"));

        session.Run(1);
        session.Run(5);

        Assert.Equal(20, session.Steps); // 13 in the first epoch, then 7 of the second before the budget stops it
        DisposeAll(network, train, test);
    }

    [Fact]
    public void Train_ManySteps_LiveTensorCountStaysFlat()
    {
        var (network, train, test) = Build(RandomMasks(4, 0.5), seed: 4);
        var trainer = new Trainer(Quick with { Epochs = 1 });
        trainer.Train(network, train, null, test, RandomKey.ForPurpose(4, "shuffle"));
        var afterFirst = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var round = 0; round < 10; round++)
        {
            trainer.Train(network, train, null, test, RandomKey.ForPurpose(4, $"shuffle{round}"));
        }

        // 130 further optimiser steps and 10 evaluations must not leave a single tensor behind.
        Assert.Equal(afterFirst, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        DisposeAll(network, train, test);
    }

    [Fact]
    public void Train_HugeLearningRate_ThrowsDivergedNamingTheStep()
    {
        var (network, train, test) = Build(null, seed: 5);
        var trainer = new Trainer(Quick with { LearningRate = 1e30, Momentum = 0 });
        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Train(network, train, null, test, RandomKey.ForPurpose(5, "shuffle")));
        Assert.Contains("step", ex.Message, StringComparison.Ordinal);
        DisposeAll(network, train, test);
    }

    [Fact]
    public void Options_InvalidValues_AreRejectedWithTheSettingNamed()
    {
        Assert.Contains("learning rate", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { LearningRate = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("momentum", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { Momentum = 1.5 })).Message, StringComparison.Ordinal);
        Assert.Contains("epochs", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { Epochs = 0 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetMasks_WrongLength_ThrowsNamingTheLayer()
    {
        var (network, train, test) = Build(null, seed: 6);
        var bad = RandomMasks(6, 0.5).ToList();
        bad[1] = new bool[3];
        var ex = Assert.Throws<ArgumentException>(() => network.SetMasks(bad));
        Assert.Contains("fc1", ex.Message, StringComparison.Ordinal);
        DisposeAll(network, train, test);
    }

    private static readonly ArchitectureSpec Spec = Architectures.Create("mlp", InputShape.Flat(8), 4, [32, 16]);

    private static (MaskedNetwork Network, DeviceData Train, DeviceData Test) Build(IReadOnlyList<bool[]>? masks, ulong seed)
    {
        var data = Blobs.Make(500, 8, 4, seed: 99);
        var train = DeviceData.From(data.Take(400), torch.CPU);
        var test = DeviceData.From(data.Skip(400), torch.CPU);
        var network = new MaskedNetwork(Spec, ["relu"], masks, new RandomKey(seed, 0, 0, "init"), torch.CPU);
        return (network, train, test);
    }

    private static IReadOnlyList<bool[]> RandomMasks(ulong seed, double density)
    {
        var random = RandomSources.For(RandomKey.ForPurpose(seed, "mask"));
        return Spec.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextBool(density)).ToArray()).ToArray();
    }

    private static void DisposeAll(params IDisposable[] items)
    {
        foreach (var item in items)
        {
            item.Dispose();
        }
    }
}
