using EvoPrune.Learning.Native;
using TorchSharp;

namespace EvoPrune.Learning.Tests;

public class NativeLoadTests
{
    [Fact]
    public void EnsureLoaded_OnThisHost_LoadsLibTorchAndRunsATrainingStep()
    {
        TorchRuntime.EnsureLoaded();

        // One real SGD step on a linear model must lower the loss on the batch it was computed on.
        using var model = torch.nn.Linear(4, 2);
        using var x = torch.tensor(new float[] { 1, 2, 3, 4, -1, -2, -3, -4 }, [2, 4]);
        using var y = torch.tensor(new long[] { 0, 1 });
        using var optimizer = torch.optim.SGD(model.parameters(), 0.1);
        var before = torch.nn.functional.cross_entropy(model.call(x), y);
        optimizer.zero_grad();
        before.backward();
        optimizer.step();
        using var after = torch.nn.functional.cross_entropy(model.call(x), y);

        Assert.True(after.item<float>() < before.item<float>());
        before.Dispose();
    }

    [SkippableFact]
    public void BuildOutput_OnOldLibStdCxx_ShimIsPatchedAndNuGetCacheIsNot()
    {
        var hostLib = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists(hostLib), "Linux x64 with Debian's libstdc++ layout only");
        var hostIsOld = !Contains(File.ReadAllBytes(hostLib), "GLIBCXX_3.4.32\0"u8.ToArray());
        Skip.IfNot(hostIsOld, "host libstdc++ already has GLIBCXX_3.4.32; the build skips the patch");

        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        var patched = File.ReadAllBytes(Path.Combine(native, "libLibTorchSharp.so"));
        Assert.True(File.Exists(Path.Combine(native, "libevoprune_glibcxx_compat.so")));
        Assert.True(Contains(patched, "libevoprune_glibcxx_compat.so\0"u8.ToArray()));

        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var original = Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Skip.IfNot(File.Exists(original), "NuGet cache not at the default place");
        Assert.False(Contains(File.ReadAllBytes(original), "libevoprune_glibcxx_compat.so\0"u8.ToArray()));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
