using System.Text.Json;

namespace EvoPrune.Cli.Tests;

/// <summary>The activations kind end to end: evoprune processes, three population grains, kill and resume, config errors.</summary>
[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public class ActivationRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    internal const string TinyCoevolution = """
        name: tiny-activations
        seed: 5
        data:
          dataset: usps
          validation: 0.3
          max-train: 400
          max-validation: 200
          max-test: 300
        model:
          architecture: af-fcn
          init: pytorch
        training:
          optimizer: adam
          learning-rate: 0.01
        run:
          kind: activations
          lease-seconds: 6
        search:
          method: coevo
          iterations: 2
          mini-epochs: 2
          final-epochs: 2
        """;

    [Fact]
    public async Task Run_CoevolutionKilledThenResumed_ThreePopulationsEndExactlyLikeAnUninterruptedRun()
    {
        using var temp = new TempFolder();
        var config = temp.File("coevo.yaml", TinyCoevolution);
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "whole", "--store", temp.Path);
        Assert.True(exit == 0, output);

        // SIGKILL once the hidden population's turn has begun (generation 2 reporting).
        await CliProcess.KillWhenReportsAppearAsync(temp.Path, temp.Path, "killed", 3, Limit, "run", config, "--run-id", "killed", "--store", temp.Path);
        Assert.False(File.Exists(Path.Combine(temp.Path, "killed", "results.json")));
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", "--resume", "killed", "--store", temp.Path);
        Assert.True(exit == 0, output);

        var whole = History(temp.Path, "whole");
        Assert.Equal(whole, History(temp.Path, "killed"));
        // Six search generations (input, input, hidden, hidden, output, output) and the final one, for each of the three populations.
        Assert.Equal(7 * 3, whole.Length);
        Assert.Equal(new[] { "hidden", "input", "output" }, whole.Select(h => h.Population).Distinct().Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(5, whole.Where(h => h.Population == "input").Sum(h => h.Evaluations));
        Assert.Equal(5, whole.Where(h => h.Population == "hidden").Sum(h => h.Evaluations));
        // The output population also trains the final triple.
        Assert.Equal(6, whole.Where(h => h.Population == "output").Sum(h => h.Evaluations));
        var final = whole.Single(h => h.Generation == 6 && h.Population == "output");
        Assert.StartsWith("final: input=", final.Summary, StringComparison.Ordinal);
        Assert.InRange(final.Best, 0.2, 1.0);

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "inspect", "whole", "--store", temp.Path);
        Assert.True(exit == 0, output);
        Assert.Contains("activations.png", output, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(temp.Path, "whole", "pictures", "activations.png")).Length > 1000, output);
    }

    [Fact]
    public async Task Run_ActivationsConfigWithGenerations_ErrorNamesTheFileLineAndField()
    {
        using var temp = new TempFolder();
        var config = temp.File("bad.yaml", TinyCoevolution.Replace("  kind: activations", "  kind: activations\n  generations: 9", StringComparison.Ordinal));

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--store", temp.Path);

        Assert.Equal(2, exit);
        Assert.Contains("bad.yaml:", output, StringComparison.Ordinal);
        Assert.Contains("run.generations", output, StringComparison.Ordinal);
        Assert.Contains("follow from search.method and search.iterations", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("coevolve-activations-fmnist.yaml", "af-fcn")]
    [InlineData("coevolve-activations-cnn-mnist.yaml", "af-cnn")]
    public void Read_ShippedActivationConfigs_ThreePopulationsAndTheSearchPlusFinalGenerations(string file, string architecture)
    {
        var config = Configuration.ExperimentConfigReader.Read(Path.Combine(RunCommandTests.RepoRoot(), "configs", file));

        Assert.Equal("activations", config.Run!.Kind);
        Assert.Equal(new[] { "input", "hidden", "output" }, config.Run.Populations);
        Assert.Equal((3 * 5) + 1, config.Run.Generations);
        Assert.Equal(architecture, config.Model.Architecture);
        Assert.Contains("\"method\":\"coevo\"", config.Run.SettingsJson, StringComparison.Ordinal);
    }

    private static (int Generation, string Population, double Best, int Evaluations, string Summary)[] History(string store, string runId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(store, runId, "results.json")));
        return
        [
            .. doc.RootElement.GetProperty("history").EnumerateArray().Select(h => (
                h.GetProperty("generation").GetInt32(),
                h.GetProperty("population").GetString()!,
                h.GetProperty("bestFitness").ValueKind == JsonValueKind.String ? double.NaN : h.GetProperty("bestFitness").GetDouble(),
                h.GetProperty("evaluations").GetInt32(),
                h.GetProperty("bestSummary").GetString()!)),
        ];
    }
}
