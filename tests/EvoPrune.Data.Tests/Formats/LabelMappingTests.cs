using EvoPrune.Data.Formats;

namespace EvoPrune.Data.Tests.Formats;

public sealed class LabelMappingTests
{
    [Theory]
    [InlineData("1", 0)]
    [InlineData("5", 4)]
    [InlineData("7", 5)]
    [InlineData("7.0", 5)]
    [InlineData("6", -1)]
    [InlineData("7.5", -1)]
    [InlineData("x", -1)]
    public void Map_SatimageClasses_AreContiguous(string text, int expected)
    {
        var mapping = LabelMapping.Integers([1, 2, 3, 4, 5, 7]);

        Assert.Equal(expected, mapping.Map(text));
    }

    [Fact]
    public void Map_Tokens_AreExactAndOrdinal()
    {
        var mapping = LabelMapping.Strings(["R", "M"], ["rock", "mine"]);

        Assert.Equal(1, mapping.Map("M"));
        Assert.Equal(-1, mapping.Map("m"));
        Assert.Equal(["rock", "mine"], mapping.ClassNames);
    }

    [Fact]
    public void Range_OneBased_MapsToZeroBased()
    {
        var mapping = LabelMapping.Range(1, 11);

        Assert.Equal(0, mapping.Map("1"));
        Assert.Equal(10, mapping.Map("11"));
        Assert.Equal(-1, mapping.Map("0"));
        Assert.Equal(11, mapping.ClassCount);
    }

    [Fact]
    public void Strings_NameCountMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => LabelMapping.Strings(["a", "b"], ["only one"]));
    }
}
