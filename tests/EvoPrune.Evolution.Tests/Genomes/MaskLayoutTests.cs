using CsCheck;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Genomes;

public class MaskLayoutTests
{
    [Fact]
    public void Constructor_LayerSizes_OffsetsAreRunningTotals()
    {
        var layout = new MaskLayout([3, 5, 2]);

        Assert.Equal(10, layout.TotalLength);
        Assert.Equal(3, layout.LayerCount);
        Assert.Equal([0, 3, 8], Enumerable.Range(0, 3).Select(layout.Offset));
    }

    [Fact]
    public void LayerOf_AnyPosition_IsTheLayerWhoseSegmentHoldsIt() =>
        Gens.LayerSizes.Sample(sizes =>
        {
            var layout = new MaskLayout(sizes);
            for (var i = 0; i < layout.TotalLength; i++)
            {
                var layer = layout.LayerOf(i);
                Assert.InRange(i, layout.Offset(layer), layout.Offset(layer) + sizes[layer] - 1);
            }
        });

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 4, 0, 2 })]
    [InlineData(new[] { -1 })]
    public void Constructor_EmptyLayoutOrLayer_Throws(int[] sizes)
    {
        var error = Assert.Throws<ArgumentException>(() => new MaskLayout(sizes));

        Assert.Equal("layerSizes", error.ParamName);
    }

    [Fact]
    public void Equals_SameSizes_EqualWithSameHash()
    {
        var a = new MaskLayout([2, 3]);
        var b = new MaskLayout([2, 3]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new MaskLayout([3, 2]));
    }

    [Fact]
    public void Offset_LayerOutOfRange_Throws()
    {
        var layout = new MaskLayout([2, 3]);

        Assert.Throws<ArgumentOutOfRangeException>(() => layout.Offset(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.LayerOf(5));
    }
}
