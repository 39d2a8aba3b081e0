using CsCheck;
using EvoPrune.Ensembles.Fusion;
using EvoPrune.Ensembles.Pool;

namespace EvoPrune.Ensembles.Tests;

public class FusionTests
{
    // Two samples, two classes, three members.
    // Sample 0: m0 = [0.9, 0.1], m1 = [0.4, 0.6], m2 = [0.45, 0.55] -> votes 1:2 for class 1; mean prob class 0 = 0.583.
    // Sample 1: m0 = [0.2, 0.8], m1 = [0.7, 0.3], m2 = [0.5, 0.5] (argmax 0 by tie rule) -> votes 2:1 for class 0.
    private static readonly SplitPredictions Split = new(
        [0, 1],
        [[0.9f, 0.1f, 0.2f, 0.8f], [0.4f, 0.6f, 0.7f, 0.3f], [0.45f, 0.55f, 0.5f, 0.5f]],
        2);

    [Fact]
    public void MajorityVote_HandComputed_MatchesCounts() =>
        Assert.Equal([1, 0], EnsembleFusion.Predict(Split, [0, 1, 2], FusionRule.MajorityVote));

    [Fact]
    public void WeightedAverage_Uniform_MatchesMeanProbabilities() =>
        // Sample 0: 1.75 vs 1.25 -> 0; sample 1: 1.4 vs 1.6 -> 1.
        Assert.Equal([0, 1], EnsembleFusion.Predict(Split, [0, 1, 2], FusionRule.WeightedAverage));

    [Fact]
    public void WeightedAverage_Weights_ShiftDecision() =>
        // Sample 0 with weights (1, 3, 3): class 0 mass 0.9 + 1.2 + 1.35 = 3.45 < class 1 mass 0.1 + 1.8 + 1.65 = 3.55.
        Assert.Equal(1, EnsembleFusion.Predict(Split, [0, 1, 2], FusionRule.WeightedAverage, [1.0, 3.0, 3.0])[0]);

    [Fact]
    public void MajorityVote_Tie_GoesToLargerProbabilityMass()
    {
        // Members 0 and 1 disagree on both samples; sample 0: class 0 mass 1.3 > 0.7; sample 1: class 1 mass 1.1 > 0.9.
        Assert.Equal([0, 1], EnsembleFusion.Predict(Split, [0, 1], FusionRule.MajorityVote));
    }

    [Fact]
    public void MajorityVote_FullTie_GoesToLowestClass()
    {
        var split = new SplitPredictions([0], [[1f, 0f], [0f, 1f]], 2);
        Assert.Equal([0], EnsembleFusion.Predict(split, [0, 1], FusionRule.MajorityVote));
    }

    [Fact]
    public void Accuracy_HandComputed_IsShareCorrect() =>
        Assert.Equal(0.0, EnsembleFusion.Accuracy(Split, [0, 1, 2], FusionRule.MajorityVote));

    [Fact]
    public void Predict_EmptyMembers_Throws() =>
        Assert.Throws<ArgumentException>(() => EnsembleFusion.Predict(Split, [], FusionRule.MajorityVote));

    [Fact]
    public void Repair_EmptyMask_SelectsBestMember()
    {
        var pool = new PoolPredictions(["a", "b", "c"], Split, Split);
        // Accuracies: m0 = 1.0, m1 = 0.0, m2 = 0.0.
        Assert.Equal([true, false, false], SubsetRepair.Repair([false, false, false], pool));
        Assert.Equal([1, 2], SubsetRepair.Members([false, true, true], pool));
    }

    [Fact]
    public void Members_RandomMasks_NeverEmpty()
    {
        var pool = TestData.Fabricated(12, 2);
        Gen.Int[0, 4095].Sample(bits => Assert.NotEmpty(SubsetRepair.Members(Enumerable.Range(0, 12).Select(i => ((bits >> i) & 1) == 1).ToArray(), pool)));
    }
}
