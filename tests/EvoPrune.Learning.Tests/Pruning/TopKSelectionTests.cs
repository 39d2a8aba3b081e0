using EvoPrune.Learning.Models;
using EvoPrune.Learning.Pruning;

namespace EvoPrune.Learning.Tests.Pruning;

public class TopKSelectionTests
{
    [Fact]
    public void KeepTopK_TiedScores_KeepsLowerIndices()
    {
        var mask = TopKSelection.KeepTopK([1f, 3f, 1f, 3f, 1f, float.NaN], 3);

        // The two 3s, then the first of the tied 1s; NaN ranks lowest.
        Assert.Equal(ExpectedTies(), mask);
    }

    [Fact]
    public void KeepTopK_IneligibleWeights_AreNeverKept()
    {
        var mask = TopKSelection.KeepTopK([9f, 1f, 2f, 3f], 2, [false, true, true, true]);

        Assert.Equal([false, false, true, true], mask);
    }

    [Fact]
    public void Select_PerLayer_KeepsExactRoundedCountInEveryLayer()
    {
        var scores = new[] { Enumerable.Range(0, 1000).Select(i => (float)((i * 7919) % 1000)).ToArray(), Enumerable.Range(0, 33).Select(i => (float)i).ToArray() };

        var masks = TopKSelection.Select(scores, PruningTarget.PerLayer(0.9));

        Assert.Equal(100, masks[0].Count(b => b));
        Assert.Equal(3, masks[1].Count(b => b)); // round(0.1 × 33 = 3.3)
        Assert.All(Enumerable.Range(0, 33), j => Assert.Equal(j >= 30, masks[1][j]));
    }

    [Fact]
    public void Select_Global_KeepsExactTotalAcrossLayersByScore()
    {
        var scores = new[] { new[] { 5f, 0f, 4f }, new[] { 1f, 6f, 2f, 3f } };

        var masks = TopKSelection.Select(scores, PruningTarget.Global(3.0 / 7));

        Assert.Equal([true, false, true], masks[0]);
        Assert.Equal([false, true, false, true], masks[1]);
    }

    [Fact]
    public void ByLayerKind_LeNet_GivesOutputLayerItsOwnRate()
    {
        var lenet = Architectures.Create("lenet300-100", InputShape.Flat(784), 10);

        var target = PruningTarget.ByLayerKind(lenet, conv: 0.1, fc: 0.2, output: 0.1);

        Assert.Equal([0.2, 0.2, 0.1], target.LayerSparsities);
        Assert.Equal([188160L, 24000L, 900L], target.KeptPerLayer([235200, 30000, 1000]));
    }

    private static bool[] ExpectedTies() => [true, true, false, true, false, false];
}
