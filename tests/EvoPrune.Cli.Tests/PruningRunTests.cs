using System.Text.Json;
using EvoPrune.Cli.Configuration;

namespace EvoPrune.Cli.Tests;

/// <summary>Pruning comparisons as engine runs in real processes: exact sparsities, report files, kill and resume.</summary>
[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public class PruningRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Run_PruningComparisonKilledThenResumed_EndsLikeAnUninterruptedRunWithExactSparsities()
    {
        using var temp = new TempFolder();
        var config = temp.File("pruning.yaml", TestConfigs.TinyPruning());
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "whole", "--store", temp.Path);
        Assert.True(exit == 0, output);

        // SIGKILL once the first cells have reported, then resume: finished cells are kept, the rest replay exactly.
        await CliProcess.KillWhenReportsAppearAsync(temp.Path, temp.Path, "killed", 0, Limit, "run", config, "--run-id", "killed", "--store", temp.Path);
        Assert.False(File.Exists(Path.Combine(temp.Path, "killed", "results.json")));
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", "--resume", "killed", "--store", temp.Path);
        Assert.True(exit == 0, output);

        var whole = Cells(temp.Path, "whole");
        Assert.Equal(2 + 16, whole.Count);
        Assert.Equal(whole, Cells(temp.Path, "killed"));
        long[] sizes = [256 * 48, 48 * 10];
        foreach (var (method, target, _, sparsity, accuracy) in whole)
        {
            // SNIP ranks globally; the others keep round((1 - s) * n) per layer.
            var kept = method == "snip" ? Math.Round((1 - target) * sizes.Sum(), MidpointRounding.AwayFromZero) : sizes.Sum(n => Math.Round((1 - target) * n, MidpointRounding.AwayFromZero));
            Assert.Equal(1 - (kept / sizes.Sum()), sparsity, 12);
            Assert.InRange(accuracy, 0.1, 1);
        }

        var report = File.ReadAllText(Path.Combine(temp.Path, "killed", "pruning-report.md"));
        Assert.Contains("| dense | 0.0 % |", report, StringComparison.Ordinal);
        Assert.Contains("| snip | 90.0 % |", report, StringComparison.Ordinal);
        Assert.Contains("Prunability", report, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(temp.Path, "killed", "pictures", "accuracy-vs-sparsity.png")).Length > 10_000);
    }

    [Fact]
    public async Task Run_KStartsControl_ReportPairsEveryWinnerWithTheMeanOfItsStarts()
    {
        using var temp = new TempFolder();
        var yaml = TestConfigs.TinyPruning("  kstarts-starts: 3\n  kstarts-criterion: validation-accuracy\n  kstarts-control: true")
            .Replace("methods: [random, magnitude, snip, dissipating]", "methods: [random, kstarts, kstarts-dissipating]", StringComparison.Ordinal);
        var config = temp.File("control.yaml", yaml);

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "control", "--store", temp.Path);

        Assert.True(exit == 0, output);
        var report = File.ReadAllText(Path.Combine(temp.Path, "control", "pruning-report.md"));
        Assert.Contains("K-starts selection control", report, StringComparison.Ordinal);
        Assert.Contains("| kstarts | 50.0 % | 2 |", report, StringComparison.Ordinal);
        Assert.Contains("| kstarts | 90.0 % | 2 |", report, StringComparison.Ordinal);
        Assert.Contains("| kstarts-dissipating | 90.0 % | 2 |", report, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "control", "pruning-report.json")));
        var controls = doc.RootElement.GetProperty("selectionControl").EnumerateArray().ToArray();
        Assert.Equal(4, controls.Length);
        foreach (var control in controls)
        {
            var winner = control.GetProperty("winner").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var starts = control.GetProperty("startsMean").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(2, winner.Length);
            Assert.All(starts, a => Assert.InRange(a, 0.1, 1));
            Assert.Equal(winner.Zip(starts, (w, m) => w - m).Average(), control.GetProperty("meanGain").GetDouble(), 12);
        }

        // Only K-starts cells carry the control.
        Assert.All(
            doc.RootElement.GetProperty("cells").EnumerateArray().Where(c => !c.GetProperty("cell").GetProperty("method").GetString()!.StartsWith("kstarts", StringComparison.Ordinal)),
            c => Assert.Equal("NaN", c.GetProperty("startsMeanTestAccuracy").GetString()));
    }

    [Theory]
    [InlineData("methods: [random, magnitude, snip, dissipating]", "methods: [random, lottery]", "search.methods", "unknown pruning method 'lottery'")]
    [InlineData("sparsities: [0.5, 0.9]", "sparsities: [0.5, 1.5]", "search.sparsities", "outside")]
    [InlineData("kind: pruning", "kind: pruning\n  population: 12", "run.population", "leave generations and population out")]
    [InlineData("dissipating-every-steps: 3", "dissipating-criterion: closest", "search.dissipating-criterion", "not one of")]
    [InlineData("dissipating-every-steps: 3", "kstarts-control: sometimes", "search.kstarts-control", "is not true or false")]
    [InlineData("dissipating-every-steps: 3", "kstarts-control: true", "search.kstarts-control", "search.methods has none")]
    public void Read_BadPruningSetting_NamesFileLineAndField(string good, string bad, string field, string problem)
    {
        using var temp = new TempFolder();
        var config = temp.File("bad.yaml", TestConfigs.TinyPruning().Replace(good, bad, StringComparison.Ordinal));

        var error = Assert.Throws<ConfigException>(() => ExperimentConfigReader.Read(config));

        Assert.Equal(field, error.Field);
        Assert.True(error.Line > 1, error.Message);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("criterion: gradient", "search.criterion")]
    [InlineData("refine:\n    density: 0.3", "search.refine.density")]
    [InlineData("final-epochs: -1", "search.final-epochs")]
    [InlineData("scope: everywhere", "search.scope")]
    public void Read_BadKStartsSetting_NamesTheField(string extra, string field)
    {
        using var temp = new TempFolder();
        var config = temp.File("bad.yaml", TestConfigs.TinyRun().Replace("elites: 1", "elites: 1\n  " + extra, StringComparison.Ordinal));

        var error = Assert.Throws<ConfigException>(() => ExperimentConfigReader.Read(config));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Read_ShippedPruningConfigs_AreValidAndThePopulationIsTheGrid()
    {
        var configs = Directory.GetFiles(Path.Combine(RunCommandTests.RepoRoot(), "configs"), "*.yaml")
            .Where(f => Path.GetFileName(f) is var n && ((n.Contains("-lenet300-mnist", StringComparison.Ordinal) && n != "lenet300-mnist.yaml") || n.StartsWith("pruning-", StringComparison.Ordinal) || n.StartsWith("prunability-", StringComparison.Ordinal)))
            .ToArray();
        Assert.True(configs.Length >= 10, string.Join(", ", configs));

        var compare = ExperimentConfigReader.Read(Path.Combine(RunCommandTests.RepoRoot(), "configs", "pruning-compare-lenet300-mnist.yaml"));
        Assert.Equal(3 * (1 + (5 * 8)), compare.Run!.Population);
        Assert.Equal(1, compare.Run.Generations);
        Assert.All(configs, c => Assert.NotNull(ExperimentConfigReader.Read(c).Run));
    }

    private static List<(string Method, double Target, ulong Seed, double Sparsity, double Accuracy)> Cells(string store, string runId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(store, runId, "pruning-report.json")));
        return doc.RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => (
                c.GetProperty("cell").GetProperty("method").GetString()!,
                c.GetProperty("cell").GetProperty("sparsity").GetDouble(),
                c.GetProperty("cell").GetProperty("seed").GetUInt64(),
                c.GetProperty("report").GetProperty("sparsity").GetDouble(),
                c.GetProperty("report").GetProperty("topOneAccuracy").GetDouble()))
            .OrderBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item2).ThenBy(c => c.Item3)
            .ToList();
    }
}
