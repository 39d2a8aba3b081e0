namespace EvoPrune.Cli.Tests;

[Collection(SequentialProcesses.Name)]
public class CommandLineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var (exit, output) = await CliProcess.RunAsync(AppContext.BaseDirectory, Limit, "--help");
        Assert.Equal(0, exit);
        foreach (var command in new[] { "run", "train", "datasets", "silo", "submit", "status", "stop", "resume" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_PrintsTheAssemblyVersion()
    {
        var (exit, output) = await CliProcess.RunAsync(AppContext.BaseDirectory, Limit, "--version");
        Assert.Equal(0, exit);
        Assert.StartsWith("0.1.0", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Datasets_FindsTheShippedUspsSet()
    {
        var (exit, output) = await CliProcess.RunAsync(RunCommandTests.RepoRoot(), Limit, "datasets");
        Assert.Equal(0, exit);
        var usps = output.Split('\n').Single(l => l.StartsWith("│ usps ", StringComparison.Ordinal));
        Assert.Contains("yes", usps, StringComparison.Ordinal);
        Assert.Contains("7,291", usps, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Datasets_TruncatedMnistFile_IsListedAsDamagedNotComplete()
    {
        const string Shared = "/work/shared/data/mnist";
        Skip.IfNot(Directory.Exists(Shared), "the shared MNIST copy is not on this machine");
        using var temp = new TempFolder();
        var mnist = Directory.CreateDirectory(Path.Combine(temp.Path, "mnist")).FullName;
        foreach (var file in Directory.GetFiles(Shared, "*.gz"))
        {
            File.Copy(file, Path.Combine(mnist, Path.GetFileName(file)));
        }

        // The training images cut after 100,000 bytes of pixels: the header still announces 60,000 images.
        var images = Path.Combine(mnist, "train-images-idx3-ubyte.gz");
        var head = new byte[100_016];
        using (var source = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(Shared, "train-images-idx3-ubyte.gz")), System.IO.Compression.CompressionMode.Decompress))
        {
            source.ReadExactly(head);
        }

        using (var target = new System.IO.Compression.GZipStream(File.Create(images), System.IO.Compression.CompressionLevel.Fastest))
        {
            target.Write(head);
        }

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "datasets", "--data-dir", temp.Path);

        Assert.Equal(0, exit);
        var row = output.Split('\n').Single(l => l.StartsWith("│ mnist ", StringComparison.Ordinal));
        Assert.Contains("damaged", row, StringComparison.Ordinal);
        Assert.Contains("it is truncated", output.Replace("│", string.Empty, StringComparison.Ordinal).ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_SmallUspsConfig_PrintsAReportWithHighAccuracy()
    {
        using var temp = new TempFolder();
        var config = temp.File("train.yaml", """
            seed: 3
            data: {dataset: usps, max-train: 2000}
            model: {architecture: lenet300-100}
            training: {learning-rate: 0.05, epochs: 2}
            mask: {density: 0.5}
            """);
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "train", config, "--device", "cpu");
        Assert.True(exit == 0, output);
        var line = output.Split('\n').Single(l => l.StartsWith("test_accuracy=", StringComparison.Ordinal));
        var accuracy = double.Parse(line.Split(' ')[0]["test_accuracy=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.85, 1.0);
        Assert.Contains("sparsity=0.5000", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeatBench_XorFewRuns_PrintsTheMeasuredFiguresBesideThePapers()
    {
        var (exit, output) = await CliProcess.RunAsync(AppContext.BaseDirectory, Limit, "neat-bench", "--task", "xor", "--runs", "3", "--seed", "2");
        Assert.True(exit == 0, output);
        Assert.Matches(@"solved\s+│\s+[0-3]/3", output);
        Assert.Contains("Paper: 32 generations, 4,755 evaluations", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeatBench_SquaredFitnessAndPopulation_RunsTheMultiplexerSoScored()
    {
        var (exit, output) = await CliProcess.RunAsync(AppContext.BaseDirectory, Limit, "neat-bench", "--task", "mux6", "--runs", "1", "--seconds", "1", "--fitness", "squared", "--population", "60");
        Assert.True(exit == 0, output);
        Assert.Contains("population 60, fitness squared", output, StringComparison.Ordinal);

        var squared = Assert.IsType<Evolution.Neat.Tasks.MultiplexerTask>(Commands.NeatBenchCommand.TaskFactory("mux11", "squared")());
        var absolute = Assert.IsType<Evolution.Neat.Tasks.MultiplexerTask>(Commands.NeatBenchCommand.TaskFactory("mux11", "absolute")());
        Assert.Equal((3, Evolution.Neat.Tasks.MultiplexerFitness.Squared), (squared.AddressBits, squared.Fitness));
        Assert.Equal((3, Evolution.Neat.Tasks.MultiplexerFitness.Absolute), (absolute.AddressBits, absolute.Fitness));
    }

    [Fact]
    public async Task NeatBench_UnknownTask_ExitsWithTwoListingTheTasks()
    {
        var (exit, output) = await CliProcess.RunAsync(AppContext.BaseDirectory, Limit, "neat-bench", "--task", "go");
        Assert.Equal(2, exit);
        Assert.Contains("pole2", output, StringComparison.Ordinal);
    }
}
