using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Tests;

public class ArchitectureTests
{
    private static readonly InputShape Mnist = new(1, 28, 28);

    [Fact]
    public void Create_LeNet300100_HasThePapersWeightCounts()
    {
        var layers = Architectures.Create("lenet300-100", Mnist, 10).Describe();
        Assert.Equal(new long[] { 784 * 300, 300 * 100, 100 * 10 }, layers.Select(l => l.Weights));
        Assert.Equal(266_200, layers.Sum(l => l.Weights));
    }

    [Fact]
    public void Create_LeNet5OnMnist_ShapesAndMacsFollowTheConvolutions()
    {
        var layers = Architectures.Create("lenet5", Mnist, 10).Describe();
        Assert.Equal(new long[] { 6 * 25, 16 * 6 * 25, 120 * 400, 84 * 120, 10 * 84 }, layers.Select(l => l.Weights));
        // conv0 keeps 28x28 outputs (padding 2); conv1 gives 10x10 from the pooled 14x14.
        Assert.Equal(150L * 28 * 28, layers[0].DenseMacs);
        Assert.Equal(2400L * 10 * 10, layers[1].DenseMacs);
    }

    [Theory]
    [InlineData("conv2", 2 + 3)]
    [InlineData("conv4", 4 + 3)]
    [InlineData("conv6", 6 + 3)]
    public void Create_ConvN_HasNConvolutionsAndThreeDenseLayers(string name, int prunable)
    {
        var spec = Architectures.Create(name, new InputShape(3, 32, 32), 10);
        Assert.Equal(prunable, spec.PrunableLayerCount);
        Assert.Equal(256 * 256, spec.Describe()[^2].Weights);
    }

    [Fact]
    public void Create_Conv6OnTinyImages_ThrowsNamingTheLayer()
    {
        var ex = Assert.Throws<ArgumentException>(() => Architectures.Create("conv6", new InputShape(1, 4, 4), 10));
        Assert.Contains("layer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownName_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Architectures.Create("resnet", Mnist, 10));
        Assert.Contains("lenet300-100", ex.Message, StringComparison.Ordinal);
    }
}
