using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;
using TorchSharp;

namespace EvoPrune.Learning.Tests.Pruning;

/// <summary>Small USPS contexts (1,500 training digits, MLP 256-100-10) shared by the pruning tests.</summary>
internal static class UspsContexts
{
    public static readonly TrainerOptions Quick = new() { Epochs = 1, BatchSize = 64, LearningRate = 0.05 };

    public static PruningContext Mlp(ulong seed, int epochs = 1)
    {
        var data = DataCache.Prepare(new DataSpec { Dataset = "usps", MaxTrain = 1500, MaxTest = 1000 }, 1, [], torch.CPU);
        var architecture = new ModelSpec { Architecture = "mlp", Hidden = [100] }.Build(data.Splits.Train);
        return new PruningContext(architecture, ["relu"], data.Train, data.Validation, data.Test, Quick with { Epochs = epochs }, RandomKey.ForPurpose(seed, "pruning"));
    }

    public static void AssertExactAndZero(PruningOutcome outcome, PruningTarget target)
    {
        var sizes = outcome.Masks.Select(m => (long)m.Length).ToArray();
        if (target.Scope == PruningScope.Global)
        {
            Assert.Equal(target.KeptTotal(sizes), outcome.Masks.Sum(m => m.LongCount(b => b)));
        }
        else
        {
            Assert.Equal(target.KeptPerLayer(sizes), outcome.Masks.Select(m => m.LongCount(b => b)).ToArray());
        }

        for (var l = 0; l < outcome.Masks.Count; l++)
        {
            var mask = outcome.Masks[l];
            var weights = outcome.Weights[l];
            Assert.All(Enumerable.Range(0, mask.Length).Where(j => !mask[j]), j => Assert.Equal(0f, weights[j]));
        }

        Assert.Equal(1.0 - ((double)target.KeptTotal(sizes) / sizes.Sum()), outcome.Report.Sparsity, 12);
    }
}
