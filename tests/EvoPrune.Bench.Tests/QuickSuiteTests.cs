using System.Diagnostics;
using System.Text.Json;

namespace EvoPrune.Bench.Tests;

/// <summary>
/// The suite in quick mode as a real process: it must still run every item and report positive, finite figures.
/// Nothing here looks at how fast anything was; the figures are only checked to be measurements at all.
/// </summary>
public sealed class QuickSuiteTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("evoprune-bench-tests").FullName;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Main_Quick_PrintsTheTableAndWritesEveryItemAsJson()
    {
        var json = Path.Combine(_folder, "bench.json");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "evoprune-bench.dll"));
        psi.ArgumentList.Add("--quick");
        psi.ArgumentList.Add("--out");
        psi.ArgumentList.Add(json);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 0, output);
        foreach (var group in new[] { "Evaluator overhead", "Batched vs sequential", "density", "Engine overhead", "1 vs 2 silos", "NEAT", "Memory", "NEAT on the engine", "ONNX inference", "Ensemble selection on the engine" })
        {
            Assert.Contains(group, output, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(document.RootElement.GetProperty("quick").GetBoolean());
        var rows = document.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], rows.Select(r => r.GetProperty("item").GetInt32()).Distinct().Order());
        Assert.All(rows, r =>
        {
            var value = r.GetProperty("value").GetDouble();
            Assert.True(double.IsFinite(value) && value > 0, $"{r.GetProperty("measure").GetString()}: {value}");
        });
        Assert.All(rows.Where(r => r.GetProperty("target").ValueKind == JsonValueKind.String), r => Assert.NotEqual(JsonValueKind.Null, r.GetProperty("met").ValueKind));
        Assert.True(File.Exists(Path.ChangeExtension(json, ".md")));
    }

    [Fact]
    public async Task Main_UnknownOption_ExitsTwoNamingIt()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "evoprune-bench.dll"));
        psi.ArgumentList.Add("--fast");
        using var process = Process.Start(psi)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--fast", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
