namespace EvoPrune.Cli.Tests;

[Collection(SequentialProcesses.Name)]
public class BadInputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("kind: sparse-mask", "kind: neat-xyz", ":16:", "run.kind")]
    [InlineData("population: 6", "population: 1", ":18:", "run.population")]
    [InlineData("learning-rate: 0.2", "learning-rate: fast", ":12:", "training.learning-rate")]
    [InlineData("dataset: usps", "dataset: cifar-100", ":4:", "data.dataset")]
    [InlineData("density: 0.2", "densty: 0.2", ":22:", "Did you mean 'density'")]
    public async Task Run_BadConfigValue_ExitsWithTwoNamingFileLineAndFieldAndWritesNothing(string good, string bad, string line, string field)
    {
        using var temp = new TempFolder();
        var config = temp.File("bad.yaml", TestConfigs.TinyRun().Replace(good, bad, StringComparison.Ordinal));
        var store = Path.Combine(temp.Path, "store");

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--store", store);

        Assert.Equal(2, exit);
        Assert.Contains($"bad.yaml{line}", output, StringComparison.Ordinal);
        Assert.Contains(field, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(store) && Directory.EnumerateDirectories(store).Any(), "a run folder was written");
    }

    [Fact]
    public async Task Run_DatasetMissingEverywhere_ExitsWithTwoAndSaysWhereItLooked()
    {
        using var temp = new TempFolder();
        var config = temp.File("kmnist.yaml", TestConfigs.TinyRun().Replace("dataset: usps", "dataset: kmnist", StringComparison.Ordinal));
        var store = Path.Combine(temp.Path, "store");

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--store", store);

        Assert.Equal(2, exit);
        Assert.Contains("'kmnist' was not found", output, StringComparison.Ordinal);
        Assert.Contains("EVOPRUNE_DATA", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(store) && Directory.EnumerateDirectories(store).Any(), "a run folder was written");
    }

    [Fact]
    public async Task Resume_UnknownRunId_ExitsWithTwoNamingTheId()
    {
        using var temp = new TempFolder();
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", "--resume", "no-such-run", "--store", temp.Path);
        Assert.Equal(2, exit);
        Assert.Contains("Unknown run id 'no-such-run'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_StoreNotWritable_ExitsWithTwoNamingTheStore()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun());
        var blocker = temp.File("not-a-folder", "a file where the store folder should be");
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--store", Path.Combine(blocker, "store"));
        Assert.Equal(2, exit);
        Assert.Contains("is not writable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExistingRunId_RefusesAndPointsToResume()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 1, population: 2));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "twice", "--store", temp.Path);
        Assert.True(exit == 0, output);
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "twice", "--store", temp.Path);
        Assert.Equal(2, exit);
        Assert.Contains("--resume twice", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RunIdFolderHoldsFilesButNoRecord_RefusesNamingThemAndLeavesThemAlone()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 1, population: 2));
        var checkpoints = Directory.CreateDirectory(Path.Combine(temp.Path, "store", "old", "checkpoints")).FullName;
        File.WriteAllText(Path.Combine(checkpoints, "gen-000000.ckpt"), "another run's checkpoint");

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "old", "--store", Path.Combine(temp.Path, "store"));

        Assert.Equal(2, exit);
        Assert.Contains("Run id 'old' is taken", output, StringComparison.Ordinal);
        Assert.Contains("holds checkpoints", output, StringComparison.Ordinal);
        Assert.Equal(["checkpoints"], Directory.GetFileSystemEntries(Path.Combine(temp.Path, "store", "old")).Select(Path.GetFileName));
        Assert.Single(Directory.GetFiles(checkpoints));
    }

    [Theory]
    [InlineData("", "inspect")]
    [InlineData("garbage", "inspect")]
    [InlineData("garbage", "export")]
    [InlineData("", "resume")]
    public async Task Command_DamagedRunRecord_ExitsWithTwoNamingTheFile(string content, string command)
    {
        using var temp = new TempFolder();
        var store = Path.Combine(temp.Path, "store");
        Directory.CreateDirectory(Path.Combine(store, "broken"));
        File.WriteAllText(Path.Combine(store, "broken", "run.json"), content);
        string[] args = command == "resume" ? ["run", "--resume", "broken", "--store", store] : [command, "broken", "--store", store];

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, args);

        Assert.True(exit == 2, output);
        Assert.Contains("run.json", output, StringComparison.Ordinal);
        Assert.Contains("damaged", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal(["run.json"], Directory.GetFileSystemEntries(Path.Combine(store, "broken")).Select(Path.GetFileName));
    }
}
