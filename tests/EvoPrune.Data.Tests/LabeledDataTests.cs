namespace EvoPrune.Data.Tests;

public sealed class LabeledDataTests
{
    private static LabeledData Sample() => new("s", [0, 1, 10, 11, 20, 21], [0, 1, 2], 2, ["a", "b", "c"]);

    [Fact]
    public void Row_Index_ReturnsThatSamplesFeatures()
    {
        Assert.Equal([10f, 11f], Sample().Row(1).ToArray());
    }

    [Fact]
    public void Subset_Indices_CopiesRowsInGivenOrder()
    {
        var subset = Sample().Subset([2, 0], "sub");

        Assert.Equal([20f, 21f, 0f, 1f], subset.Features);
        Assert.Equal([2, 0], subset.Labels);
        Assert.Equal("sub", subset.Name);
        Assert.Equal(3, subset.ClassCount);
    }

    [Fact]
    public void TakeAndSkip_Count_SplitAtPosition()
    {
        var data = Sample();

        Assert.Equal([0, 1], data.Take(2).Labels);
        Assert.Equal([2], data.Skip(2).Labels);
        Assert.Equal(3, data.Take(10).Count);
    }

    [Fact]
    public void Constructor_LabelOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LabeledData("bad", [0, 1], [0, 3], 1, ["a", "b"]));
    }

    [Fact]
    public void Constructor_FeatureCountMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LabeledData("bad", [0, 1, 2], [0, 1], 2, ["a", "b"]));
    }

    [Fact]
    public void Constructor_ShapeSizeMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LabeledData("bad", [0, 1, 2, 3], [0], 4, ["a"], ImageShape.Grey(3, 3)));
    }
}
