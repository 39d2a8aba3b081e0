using CsCheck;
using EvoPrune.Data.Splitting;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Data.Tests.Splitting;

public sealed class StratifiedSplitTests
{
    private static int[] Labels(params int[] perClass) => [.. perClass.SelectMany((n, k) => Enumerable.Repeat(k, n))];

    private static IRandomSource Stream(ulong seed) => RandomSources.For(seed, -1, -1, "split");

    [Fact]
    public void Indices_Split_IsDisjointAndCoversAll()
    {
        var labels = Labels(50, 30, 20);

        var (kept, heldOut) = StratifiedSplit.Indices(labels, 3, 25, Stream(1));

        Assert.Empty(kept.Intersect(heldOut));
        Assert.Equal(Enumerable.Range(0, labels.Length), kept.Concat(heldOut).Order());
        Assert.Equal(25, heldOut.Length);
    }

    [Fact]
    public void Indices_Split_KeepsClassProportions()
    {
        var labels = Labels(500, 300, 200);

        var (_, heldOut) = StratifiedSplit.Indices(labels, 3, 100, Stream(1));

        Assert.Equal([50, 30, 20], heldOut.GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void Indices_SameSeed_GivesSameSplit()
    {
        var labels = Labels(40, 40, 40);

        Assert.Equal(StratifiedSplit.Indices(labels, 3, 30, Stream(7)).HeldOut, StratifiedSplit.Indices(labels, 3, 30, Stream(7)).HeldOut);
    }

    [Fact]
    public void Indices_DifferentSeed_GivesDifferentSplit()
    {
        var labels = Labels(40, 40, 40);

        Assert.NotEqual(StratifiedSplit.Indices(labels, 3, 30, Stream(7)).HeldOut, StratifiedSplit.Indices(labels, 3, 30, Stream(8)).HeldOut);
    }

    [Fact]
    public void Indices_AnyLabelsAndSize_AreDisjointCoveringAndWithinOnePerClass()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[0, 5].Array[1, 200], Gen.Double[0, 0.95], Gen.ULong)
            .Sample((classes, raw, fraction, seed) =>
            {
                var labels = raw.Select(l => l % classes).ToArray();
                var count = StratifiedSplit.HeldOutCount(labels.Length, fraction);
                var (kept, heldOut) = StratifiedSplit.Indices(labels, classes, count, RandomSources.For(seed, -1, -1, "split"));
                var disjointCover = kept.Concat(heldOut).Order().SequenceEqual(Enumerable.Range(0, labels.Length));
                var perClass = Enumerable.Range(0, classes).All(k =>
                {
                    var n = labels.Count(l => l == k);
                    var held = heldOut.Count(i => labels[i] == k);
                    return Math.Abs(held - ((double)n * count / labels.Length)) < 1 + 1e-9;
                });
                return disjointCover && heldOut.Length == count && perClass;
            }, iter: 300);
    }

    [Fact]
    public void Split_Data_PreservesRowsAndFileOrder()
    {
        var labels = Labels(6, 4);
        var data = new LabeledData("d", [.. labels.Select((_, i) => (float)i)], labels, 1, ["a", "b"]);

        var (kept, heldOut) = StratifiedSplit.Split(data, 0.5, Stream(2), "kept", "held");

        Assert.Equal(5, heldOut.Count);
        Assert.Equal([3, 2], heldOut.ClassCounts());
        Assert.Equal(heldOut.Features.Order(), heldOut.Features);
        Assert.All(kept.Features.Concat(heldOut.Features).Select(f => (int)f), i => Assert.InRange(i, 0, 9));
        Assert.Equal(10, kept.Features.Concat(heldOut.Features).Distinct().Count());
    }

    [Fact]
    public void Subsample_MoreThanAvailable_ReturnsSameSet()
    {
        var data = new LabeledData("d", [1, 2], [0, 1], 1, ["a", "b"]);

        Assert.Same(data, StratifiedSplit.Subsample(data, 5, Stream(1)));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void HeldOutCount_BadFraction_Throws(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.HeldOutCount(10, fraction));
    }
}
