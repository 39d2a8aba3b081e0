using System.Globalization;
using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cli.Tests;

[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public class RunCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Run_Quickstart_CompletesAndImprovesFitness()
    {
        using var temp = new TempFolder();
        var config = Path.Combine(RepoRoot(), "configs", "quickstart.yaml");
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "qs", "--store", temp.Path);

        Assert.True(exit == 0, output);
        var history = RunResultsFile.History(temp.Path, "qs");
        Assert.Equal(8, history.Count);
        Assert.True(history[^1].Best > history[0].Best, $"best fitness did not improve: {string.Join(", ", history.Select(h => h.Best))}");
        Assert.True(history[^1].Mean > history[0].Mean, $"mean fitness did not improve: {string.Join(", ", history.Select(h => h.Mean))}");
        Assert.Contains("Results:", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "qs", "summary.md")));
    }

    [Fact]
    public async Task Run_KilledMidGenerationThenResumed_EndsExactlyLikeAnUninterruptedRun()
    {
        using var temp = new TempFolder();
        // Many generations after the kill point (20), so the kill lands mid-run even though a generation takes a fraction
        // of a second and reports reach the store behind the generation (8 generations left too little margin in CI).
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 24));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "whole", "--store", temp.Path);
        Assert.True(exit == 0, output);

        // SIGKILL once generation 2 is checkpointed and generation 3 has started reporting.
        await CliProcess.KillWhenReportsAppearAsync(temp.Path, temp.Path, "killed", 3, Limit, "run", config, "--run-id", "killed", "--store", temp.Path);

        Assert.False(File.Exists(Path.Combine(temp.Path, "killed", "results.json")));
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", "--resume", "killed", "--store", temp.Path);
        Assert.True(exit == 0, output);
        Assert.Equal(RunResultsFile.History(temp.Path, "whole"), RunResultsFile.History(temp.Path, "killed"));
    }

    [Fact]
    public async Task Run_CheckpointEveryThreeGenerations_KilledAtSeveralPointsAndResumed_EndsExactlyLikeAnUninterruptedRun()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 18, population: 4, checkpointEvery: "3"));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "whole", "--store", temp.Path);
        Assert.True(exit == 0, output);
        // Every third generation, the newest five kept.
        Assert.Equal(["gen-000005.ckpt", "gen-000008.ckpt", "gen-000011.ckpt", "gen-000014.ckpt", "gen-000017.ckpt"], Directory.GetFiles(Path.Combine(temp.Path, "whole", "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Killed once generation 0 has reported (no checkpoint yet: the first comes two generations later), then in
        // generation 4 (two generations past checkpoint 2), then in generation 6 (one past checkpoint 5; eleven
        // generations still to go): every kill point leaves generations to run, so the kill lands mid-run even though
        // a generation takes tens of milliseconds. Each resume replays the generations after the last checkpoint
        // from their stored reports.
        await CliProcess.KillWhenReportsAppearAsync(temp.Path, temp.Path, "killed", 0, Limit, "run", config, "--run-id", "killed", "--store", temp.Path);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "killed", "checkpoints")) && Directory.GetFiles(Path.Combine(temp.Path, "killed", "checkpoints")).Length > 0);
        await CliProcess.KillWhenReportsAppearAsync(temp.Path, temp.Path, "killed", 4, Limit, "run", "--resume", "killed", "--store", temp.Path);
        await CliProcess.KillWhenReportsAppearAsync(temp.Path, temp.Path, "killed", 6, Limit, "run", "--resume", "killed", "--store", temp.Path);
        Assert.False(File.Exists(Path.Combine(temp.Path, "killed", "results.json")));

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", "--resume", "killed", "--store", temp.Path);
        Assert.True(exit == 0, output);
        Assert.Equal(RunResultsFile.History(temp.Path, "whole"), RunResultsFile.History(temp.Path, "killed"));
    }

    [Fact]
    public async Task Run_TruncatedCheckpoint_IsDetectedAndTheRunResumesFromThePreviousOne()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 5));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "whole", "--store", temp.Path);
        Assert.True(exit == 0, output);

        var newest = Path.Combine(temp.Path, "cut", "checkpoints", "gen-000002.ckpt");
        await CliProcess.KillWhenFileAppearsAsync(temp.Path, newest, Limit, "run", config, "--run-id", "cut", "--store", temp.Path);

        // Keep only gen 0-2 and cut the newest in half, as a crash during a non-atomic write would.
        foreach (var later in Directory.GetFiles(Path.GetDirectoryName(newest)!).Where(f => string.CompareOrdinal(Path.GetFileName(f), "gen-000002.ckpt") > 0))
        {
            File.Delete(later);
        }

        var bytes = await File.ReadAllBytesAsync(newest);
        await File.WriteAllBytesAsync(newest, bytes[..(bytes.Length / 2)]);

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", "--resume", "cut", "--store", temp.Path);
        Assert.True(exit == 0, output);
        Assert.Contains("gen-000002.ckpt is damaged", output, StringComparison.Ordinal);
        Assert.Equal(RunResultsFile.History(temp.Path, "whole"), RunResultsFile.History(temp.Path, "cut"));
    }

    [Fact]
    public async Task Run_EveryGenomeDiverges_ExitsOneNamingTheCauseAndKeepsTheReports()
    {
        using var temp = new TempFolder();
        var config = temp.File("nan.yaml", TestConfigs.TinyRun(generations: 2, population: 3).Replace("learning-rate: 0.2", "learning-rate: 100", StringComparison.Ordinal));

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "nan", "--store", temp.Path);

        Assert.True(exit == 1, output);
        Assert.Contains("run nan failed: every one of the 6 evaluations failed; most common cause (6 of 6): TrainingDivergedException", output, StringComparison.Ordinal);
        Assert.DoesNotContain("-1797693", output, StringComparison.Ordinal);
        var reports = await RunResultsFile.ReportsAsync(temp.Path, "nan", 0);
        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.Contains("TrainingDivergedException", r.Failure, StringComparison.Ordinal));
        Assert.Contains("| 1 | main |", File.ReadAllText(Path.Combine(temp.Path, "nan", "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TwoPopulations_EachEvolvesInItsOwnGrainWithItsOwnHistory()
    {
        using var temp = new TempFolder();
        var config = temp.File("two.yaml", TestConfigs.TinyRun(generations: 2, population: 3).Replace("  lease-seconds: 6", "  lease-seconds: 6\n  populations: [left, right]", StringComparison.Ordinal));

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "two", "--store", temp.Path);

        Assert.True(exit == 0, output);
        var summary = File.ReadAllText(Path.Combine(temp.Path, "two", "summary.md"));
        foreach (var row in new[] { "| 0 | left |", "| 0 | right |", "| 1 | left |", "| 1 | right |" })
        {
            Assert.Contains(row, summary, StringComparison.Ordinal);
        }

        var reports = await RunResultsFile.ReportsAsync(temp.Path, "two", 1);
        Assert.Equal(6, reports.Count);
        Assert.Equal(3, reports.Count(r => r.GenomeId.StartsWith("right-g1-", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task Run_EnsembleKilledAndResumed_EndsLikeAnUninterruptedRun()
    {
        Skip.If(new Data.Catalog.DatasetCatalog().Locate("glass") == null && Environment.GetEnvironmentVariable("EVOPRUNE_REQUIRE_DATA") != "1", "UCI glass not found; set EVOPRUNE_DATA");
        using var temp = new TempFolder();
        var config = temp.File("ensemble.yaml", TestConfigs.TinyEnsemble(generations: 4));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "whole", "--store", temp.Path);
        Assert.True(exit == 0, output);
        Assert.Contains(" of 6: ", File.ReadAllText(Path.Combine(temp.Path, "whole", "summary.md")), StringComparison.Ordinal);

        await CliProcess.KillWhenFileAppearsAsync(temp.Path, Path.Combine(temp.Path, "killed", "checkpoints", "gen-000001.ckpt"), Limit, "run", config, "--run-id", "killed", "--store", temp.Path);

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", "--resume", "killed", "--store", temp.Path);
        Assert.True(exit == 0, output);
        Assert.Equal(RunResultsFile.History(temp.Path, "whole"), RunResultsFile.History(temp.Path, "killed"));

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "inspect", "killed", "--store", temp.Path, "--top", "3");
        Assert.True(exit == 0, output);
        Assert.Contains("Ensemble membership", output, StringComparison.Ordinal);
        using var png = SkiaSharp.SKBitmap.Decode(Path.Combine(temp.Path, "killed", "pictures", "membership.png"));
        Assert.Equal(Inspection.MembershipPicture.Size(3, 6, 12), (png.Width, png.Height));
    }

    [Fact]
    public async Task Run_NeatXorConfig_SolvesXorWithNeatBenchsChampionNamesItAndInspectDrawsIt()
    {
        using var temp = new TempFolder();
        var config = Path.Combine(RepoRoot(), "configs", "neat-xor.yaml");

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "xor", "--store", temp.Path);

        Assert.True(exit == 0, output);
        // The run stops after the first generation with a solution, well before its 60 generations.
        var generations = new List<IReadOnlyList<FitnessReport>>();
        while ((await RunResultsFile.ReportsAsync(temp.Path, "xor", generations.Count)) is { Count: > 0 } reports)
        {
            generations.Add(reports);
        }

        Assert.InRange(generations.Count, 2, 59);
        Assert.All(generations, g => Assert.Equal(150, g.Count));
        Assert.Contains(generations[^1], r => r.Scores["solved"] == 1);
        Assert.All(generations[..^1], g => Assert.DoesNotContain(g, r => r.Scores["solved"] == 1));
        var summary = File.ReadAllText(Path.Combine(temp.Path, "xor", "summary.md"));
        Assert.Contains(" hidden nodes, ", summary, StringComparison.Ordinal);
        Assert.Contains($"Solved in generation {generations.Count - 1} ", summary, StringComparison.Ordinal);

        // The same seed through the loop neat-bench runs (its task and settings, NeatAlgorithm.Run in this process).
        var run = await Inspection.RunInspection.LoadAsync(temp.Path, "xor", []);
        var bench = new Evolution.Neat.NeatAlgorithm(Commands.NeatBenchCommand.SettingsFor("xor", run.Spec.Generations, paperLiteral: false), Commands.NeatBenchCommand.TaskFor("xor"), run.Spec.Seed).Run();
        Assert.True(bench.Solved);
        Assert.Equal(bench.History.Select(h => h.BestFitness), run.Checkpoint.History.Select(h => h.BestFitness));
        Assert.Equal(bench.History.Select(h => h.MeanFitness), run.Checkpoint.History.Select(h => h.MeanFitness));
        var solved = run.Checkpoint.History.Single(h => h.Solved > 0);
        Assert.Equal(bench.Generations - 1, solved.Generation);
        var (champion, reason) = run.Champion();
        Assert.Equal(solved.SolvedBy, champion.Genome.Id);
        Assert.Equal($"the genome that solved the task in generation {solved.Generation}", reason);
        var genome = Inspection.RunInspection.NeatNetwork(champion.Genome);
        // Gene by gene (ImmutableArray's own Equals compares array references).
        Assert.Equal(bench.Champion.Nodes.ToArray(), genome.Nodes.ToArray());
        Assert.Equal(bench.Champion.Connections.ToArray(), genome.Connections.ToArray());
        Assert.Equal(bench.ChampionFitness, champion.Report.Fitness);
        Assert.Equal(bench.ChampionFitness, solved.SolvedFitness);

        // The console names that genome after the history table.
        var line = string.Create(CultureInfo.InvariantCulture, $"solved: generation {solved.Generation} by genome {champion.Genome.Id} (fitness {bench.ChampionFitness:F4}, {genome.HiddenCount} hidden nodes, {genome.EnabledConnectionCount} connections)");
        Assert.Contains(line, output, StringComparison.Ordinal);
        Assert.Contains($"the fittest `{champion.Genome.Id}`", summary, StringComparison.Ordinal);

        // And neat-bench itself, as a user would run it, reports that champion for the seed.
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "neat-bench", "--task", "xor", "--runs", "1", "--seed", run.Spec.Seed.ToString(CultureInfo.InvariantCulture), "--max-generations", run.Spec.Generations.ToString(CultureInfo.InvariantCulture));
        Assert.True(exit == 0, output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"seed {run.Spec.Seed}: solved: generation {solved.Generation} (fitness {bench.ChampionFitness:F4}, {genome.HiddenCount} hidden nodes, {genome.EnabledConnectionCount} connections)"), output, StringComparison.Ordinal);

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "inspect", "xor", "--store", temp.Path);
        Assert.True(exit == 0, output);
        Assert.Contains($"Network drawn: {champion.Genome.Id}, the genome that solved the task in generation {solved.Generation} ", output, StringComparison.Ordinal);
        var pictures = Path.Combine(temp.Path, "xor", "pictures");
        var dot = File.ReadAllText(Path.Combine(pictures, $"network-{champion.Genome.Id}.dot"));
        Assert.StartsWith("digraph", dot, StringComparison.Ordinal);
        Assert.Equal(genome.Connections.Length, dot.Split("tooltip=", StringSplitOptions.None).Length - 1);
        using var png = SkiaSharp.SKBitmap.Decode(Path.Combine(pictures, $"network-{champion.Genome.Id}.png"));
        Assert.True(png.Width >= (2 * Inspection.NeatDrawing.Margin) + Inspection.NeatDrawing.ColumnGap, $"{png.Width} px wide");
    }

    [SkippableFact]
    public async Task Run_NeatWineConfigThenExport_EvolvesATopologyAndTrainsItsWeightsWithTorchSharp()
    {
        Skip.If(new Data.Catalog.DatasetCatalog().Locate("wine") == null && Environment.GetEnvironmentVariable("EVOPRUNE_REQUIRE_DATA") != "1", "UCI wine not found; set EVOPRUNE_DATA");
        using var temp = new TempFolder();
        var config = Path.Combine(RepoRoot(), "configs", "neat-wine.yaml");
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "wine", "--store", temp.Path);
        Assert.True(exit == 0, output);

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "export", "wine", "--store", temp.Path, "--out", temp.Path, "--epochs", "30");

        Assert.True(exit == 0, output);
        Assert.Contains("after 30 epochs of training", output, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(temp.Path, "*.genome.json"))));
        var root = document.RootElement;
        Assert.Equal("classification", root.GetProperty("task").GetString());
        var evolved = root.GetProperty("evolved").GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("innovation").GetInt64()).ToArray();
        var trained = root.GetProperty("trained").GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("innovation").GetInt64()).ToArray();
        Assert.Equal(evolved, trained);
        Assert.InRange(root.GetProperty("training").GetProperty("trainedTestAccuracy").GetDouble(), 0.8, 1.0);
        Assert.True(new FileInfo(Path.Combine(temp.Path, root.GetProperty("weights").GetString()!)).Length > 0);
    }

    [Fact]
    public async Task Run_NeatDoublePoleConfig_BalancesBothPolesForAHundredThousandSteps()
    {
        using var temp = new TempFolder();
        var config = Path.Combine(RepoRoot(), "configs", "neat-pole2.yaml");

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "pole2", "--store", temp.Path);

        Assert.True(exit == 0, output);
        var reports = Directory.GetFiles(Path.Combine(temp.Path, "pole2", "reports"), "*.jsonl").SelectMany(File.ReadLines);
        Assert.Contains(reports, r => r.Contains("\"solved\":1", StringComparison.Ordinal));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "EvoPrune.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("EvoPrune.sln not found above the test folder.");
    }
}
