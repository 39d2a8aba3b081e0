using System.Diagnostics;

namespace EvoPrune.Learning.Tests.Onnx;

/// <summary>
/// Runs the reference ONNX checker (Debian's python3-onnx, <c>onnx.checker.check_model(full_check=True)</c>, which
/// also runs shape inference) on a model file. Skips when the checker is not installed, unless
/// EVOPRUNE_REQUIRE_ONNX_CHECKER=1 (set by .ci/run, which installs it), where it fails.
/// </summary>
internal static class OnnxChecker
{
    private const string Python = "/usr/bin/python3";
    private const string Script = "import sys, onnx; [onnx.checker.check_model(onnx.load(p), full_check=True) for p in sys.argv[1:]]; print(onnx.__version__)";

    public static bool Required => Environment.GetEnvironmentVariable("EVOPRUNE_REQUIRE_ONNX_CHECKER") == "1";

    /// <summary>Checks every file; fails with the checker's message when one does not pass.</summary>
    public static void Check(params string[] paths)
    {
        var (available, _) = RunPython("-c", "import onnx");
        if (!available)
        {
            Assert.False(Required, "EVOPRUNE_REQUIRE_ONNX_CHECKER=1 but python3-onnx is not installed");
            Skip.If(true, "the ONNX checker is not installed (Debian package python3-onnx)");
        }

        var (passed, output) = RunPython(["-c", Script, .. paths]);
        Assert.True(passed, output);
    }

    private static (bool Ok, string Output) RunPython(params string[] args)
    {
        if (!File.Exists(Python))
        {
            return (false, $"{Python} not found");
        }

        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode == 0, stdout.Result + stderr);
    }
}
