using EvoPrune.Learning.Activations;
using TorchSharp;

namespace EvoPrune.Learning.Tests;

public class ActivationRegistryTests
{
    public static TheoryData<string> AllNames() => new(ActivationRegistry.Names);

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Get_EveryRegisteredName_GivesAFiniteElementwiseFunction(string name)
    {
        using var x = torch.linspace(-4, 4, 33);
        using var y = ActivationRegistry.Get(name)(x);
        Assert.Equal(x.shape, y.shape);
        Assert.True(y.isfinite().all().item<bool>());
    }

    [Theory]
    [InlineData("relu", -2.0, 0.0)]
    [InlineData("relu", 3.0, 3.0)]
    [InlineData("sigmoid", 0.0, 0.5)]
    [InlineData("tanh", 0.0, 0.0)]
    [InlineData("identity", -1.5, -1.5)]
    [InlineData("softsign", 1.0, 0.5)]
    public void Get_KnownFunction_MatchesItsDefinition(string name, double input, double expected)
    {
        using var x = torch.tensor(new[] { (float)input });
        using var y = ActivationRegistry.Get(name)(x);
        Assert.Equal(expected, y.item<float>(), 5);
    }

    [Fact]
    public void Get_UnknownName_ThrowsListingTheKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => ActivationRegistry.Get("swishy"));
        Assert.Contains("gelu", ex.Message, StringComparison.Ordinal);
    }
}
