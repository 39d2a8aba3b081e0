using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Native;

namespace EvoPrune.Learning.Tests;

public class DeviceSpecTests
{
    [Theory]
    [InlineData("auto", DeviceKind.Auto, 0)]
    [InlineData("", DeviceKind.Auto, 0)]
    [InlineData("CPU", DeviceKind.Cpu, 0)]
    [InlineData("cuda", DeviceKind.Cuda, 0)]
    [InlineData("cuda:3", DeviceKind.Cuda, 3)]
    public void Parse_ValidText_GivesKindAndIndex(string text, DeviceKind kind, int index)
    {
        var spec = DeviceSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(index, spec.Index);
    }

    [Theory]
    [InlineData("tpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void Parse_InvalidText_ThrowsNamingTheValue(string text)
    {
        var ex = Assert.Throws<FormatException>(() => DeviceSpec.Parse(text));
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Resolve_AutoWithoutCuda_GivesCpu()
    {
        Skip.If(TorchSharp.torch.cuda.is_available(), "this host has CUDA");
        Assert.Equal(TorchSharp.DeviceType.CPU, DeviceSelector.Resolve(DeviceSpec.Auto).type);
    }

    [SkippableFact]
    public void Resolve_CudaWithoutCuda_ThrowsWithAdvice()
    {
        Skip.If(TorchSharp.torch.cuda.is_available(), "this host has CUDA");
        var ex = Assert.Throws<TorchUnavailableException>(() => DeviceSelector.Resolve(DeviceSpec.Parse("cuda:1")));
        Assert.Contains("--device cpu", ex.Message, StringComparison.Ordinal);
    }
}
