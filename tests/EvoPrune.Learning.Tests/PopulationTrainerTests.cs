using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using TorchSharp;

namespace EvoPrune.Learning.Tests;

public class PopulationTrainerTests
{
    private static readonly ArchitectureSpec Spec = Architectures.Create("mlp", InputShape.Flat(8), 4, [32, 16]);

    [Theory]
    [InlineData(OptimizerKind.Sgd, true)]
    [InlineData(OptimizerKind.Sgd, false)]
    [InlineData(OptimizerKind.Adam, false)]
    public void Train_MembersOfDifferentDensities_EqualTrainingEachAlone(OptimizerKind optimizer, bool sharedKeys)
    {
        var options = new TrainerOptions
        {
            Optimizer = optimizer,
            LearningRate = optimizer == OptimizerKind.Adam ? 0.01 : 0.05,
            WeightDecay = 1e-3,
            Epochs = 2,
            BatchSize = 32,
            MaxSteps = 20,
        };
        var data = Blobs.Make(500, 8, 4, seed: 99);
        using var train = DeviceData.From(data.Take(400), torch.CPU);
        using var validation = DeviceData.From(data.Skip(400), torch.CPU);
        IReadOnlyList<bool[]>?[] masks = [RandomMasks(1, 0.1), RandomMasks(2, 0.3), null, RandomMasks(3, 0.6)];
        var initKeys = masks.Select((_, p) => new RandomKey(5, 0, sharedKeys ? 0 : p, "init")).ToArray();
        var shuffleKeys = masks.Select((_, p) => new RandomKey(6, 0, sharedKeys ? 0 : p, "shuffle")).ToArray();

        using var stack = new StackedMaskedMlp(Spec, ["relu"], masks, initKeys, torch.CPU);
        var outcomes = new PopulationTrainer(options).Train(stack, train, validation, null, shuffleKeys);

        for (var p = 0; p < masks.Length; p++)
        {
            using var alone = new MaskedNetwork(Spec, ["relu"], masks[p], initKeys[p], torch.CPU);
            var expected = new Trainer(options).Train(alone, train, validation, null, shuffleKeys[p]);
            var actual = outcomes[p].Report!;
            Assert.Null(outcomes[p].Failure);
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.Equal(expected.KeptWeights, actual.KeptWeights);
            Assert.Equal(expected.KeptMacs, actual.KeptMacs);
            Assert.Equal(expected.EpochLosses.Count, actual.EpochLosses.Count);
            for (var e = 0; e < expected.EpochLosses.Count; e++)
            {
                Assert.Equal(expected.EpochLosses[e], actual.EpochLosses[e], 1e-4);
            }

            // A prediction on a decision boundary may flip with float rounding: at most one sample apart.
            Assert.InRange(actual.ValidationAccuracy!.Value, expected.ValidationAccuracy!.Value - 0.0101, expected.ValidationAccuracy.Value + 0.0101);
            for (var layer = 0; layer < Spec.PrunableLayerCount; layer++)
            {
                var want = alone.GetWeights(layer);
                var got = stack.GetWeights(p, layer);
                Assert.Equal(want.Length, got.Length);
                for (var j = 0; j < want.Length; j++)
                {
                    if (masks[p] is { } m && !m[layer][j])
                    {
                        Assert.Equal(0f, got[j]);
                    }

                    Assert.True(Math.Abs(want[j] - got[j]) <= 1e-4, $"member {p}, layer {layer}, weight {j}: alone {want[j]}, batched {got[j]}");
                }
            }
        }
    }

    [Fact]
    public void Train_OneMemberDiverges_OthersStillReport()
    {
        var options = new TrainerOptions { LearningRate = 1e30, Momentum = 0, BatchSize = 32, MaxSteps = 5 };
        var data = Blobs.Make(200, 8, 4, seed: 98);
        using var train = DeviceData.From(data, torch.CPU);
        // A member with every weight pruned outputs constant logits, so its loss stays finite whatever the rate.
        var none = Spec.Describe().Select(l => new bool[l.Weights]).ToArray();
        IReadOnlyList<bool[]>?[] masks = [null, none];
        using var stack = new StackedMaskedMlp(Spec, ["relu"], masks, [new RandomKey(1, 0, 0, "init"), new RandomKey(1, 0, 0, "init")], torch.CPU);
        var outcomes = new PopulationTrainer(options).Train(stack, train, null, null, [RandomKey.ForPurpose(1, "s"), RandomKey.ForPurpose(1, "s")]);

        Assert.Contains("step", outcomes[0].Failure, StringComparison.Ordinal);
        Assert.Null(outcomes[1].Failure);
        Assert.NotNull(outcomes[1].Report);
    }

    [Fact]
    public void Fit_ManySteps_LiveTensorCountStaysFlat()
    {
        var data = Blobs.Make(400, 8, 4, seed: 97);
        using var train = DeviceData.From(data, torch.CPU);
        using var stack = new StackedMaskedMlp(Spec, ["relu"], [RandomMasks(4, 0.5), null], [new RandomKey(2, 0, 0, "init"), new RandomKey(2, 0, 1, "init")], torch.CPU);
        var trainer = new PopulationTrainer(new TrainerOptions { BatchSize = 32 });
        RandomKey[] keys = [RandomKey.ForPurpose(2, "a"), RandomKey.ForPurpose(2, "b")];
        trainer.Fit(stack, train, keys);
        var afterFirst = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var round = 0; round < 5; round++)
        {
            trainer.Fit(stack, train, keys);
            PopulationTrainer.Accuracy(stack, train);
        }

        Assert.Equal(afterFirst, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    private static IReadOnlyList<bool[]> RandomMasks(ulong seed, double density)
    {
        var random = RandomSources.For(RandomKey.ForPurpose(seed, "mask"));
        return Spec.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextBool(density)).ToArray()).ToArray();
    }
}
