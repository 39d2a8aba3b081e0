using System.Globalization;
using System.Text.RegularExpressions;
using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Kinds.Activations;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Data;
using EvoPrune.Data.Normalization;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using static TorchSharp.torch;

namespace EvoPrune.Cli.Tests;

/// <summary>
/// <c>export --format onnx</c> and <c>predict</c> on real runs: the written graph, run in ONNX Runtime on the run's test
/// split, gives the probabilities of the network it came from (TorchSharp retrained as the evaluation did, or the
/// NEAT phenotype) within 1e-5 and the same classes; predict reproduces export's accuracy; refusals and bad input exit 2.
/// </summary>
[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public partial class OnnxExportTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task ExportOnnx_SparseMaskRun_MatchesTorchSharpAndPredictReproducesTheAccuracy()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 2, population: 3));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "masks", "--store", temp.Path);
        Assert.True(exit == 0, output);
        var outFolder = Path.Combine(temp.Path, "out");
        var line = await ExportAsync(temp, "masks", outFolder);
        var compact = await ExportAsync(temp, "masks", outFolder, "--compact");

        var run = await RunInspection.LoadAsync(temp.Path, "masks", []);
        var member = run.Find("best");
        var data = SparseMaskKind.ReadSettings(run.Spec).Data;
        var (network, report) = Kinds.SparseMaskTools.Retrain(run, member.Genome, CPU);
        float[] expected;
        using (network)
        {
            expected = TorchProbabilities(network, DataCache.Load(data, run.Spec.Seed, []).Test);
        }

        var raw = RawTest(data, run.Spec.Seed);
        var onnx = Probabilities(line.Path, raw);
        AssertSame(expected, onnx, 10);
        Assert.Equal(report.TestAccuracy!.Value, line.Accuracy, 4);
        Assert.Equal(network.KeptWeights, line.Kept);
        AssertSame(onnx, Probabilities(compact.Path, raw), 10);
        Assert.Equal(line.Accuracy, compact.Accuracy);
        Assert.Matches(@"compact: fc0 64 -> \d+ units \(\d+ removed\)", compact.Output);

        var csv = Path.Combine(temp.Path, "predictions.csv");
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "predict", line.Path, "--data", "usps", "--out", csv);
        Assert.True(exit == 0, output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"accuracy={line.Accuracy:F4} samples={raw.Count}"), output, StringComparison.Ordinal);
        Assert.Contains("confusion matrix", output, StringComparison.Ordinal);
        var rows = File.ReadAllLines(csv);
        Assert.Equal(raw.Count + 1, rows.Length);
        Assert.Equal(line.Accuracy, rows.Skip(1).Select(r => r.Split(',')).Count(r => r[1] == r[2]) / (double)raw.Count, 4);

        // Bad input: a file that is not ONNX, and a model whose width does not match the data (MNIST's 784 pixels).
        var garbage = temp.File("garbage.onnx", "not a model");
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "predict", garbage, "--data", "usps");
        Assert.Equal(2, exit);
        Assert.Matches(@"^evoprune: error: .*garbage\.onnx: not a model ONNX Runtime can load[^\n]*\n?$", output);
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "predict", line.Path, "--data", "wine", "--out", Path.Combine(temp.Path, "no.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("the model takes 256 features per sample; wine/test has 13", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, "no.csv")));
    }

    [Fact]
    public async Task ExportOnnx_NeatXorChampion_OutputsEqualThePhenotypeOnTheFourPatterns()
    {
        using var temp = new TempFolder();
        var config = temp.File("xor.yaml", File.ReadAllText(Path.Combine(RunCommandTests.RepoRoot(), "configs", "neat-xor.yaml")).Replace("generations: 60", "generations: 25", StringComparison.Ordinal));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "xor", "--store", temp.Path);
        Assert.True(exit == 0, output);
        var line = await ExportAsync(temp, "xor", Path.Combine(temp.Path, "out"));

        var run = await RunInspection.LoadAsync(temp.Path, "xor", []);
        var genome = RunInspection.NeatNetwork(run.Find("best").Genome);
        var phenotype = FeedForwardNetwork.Create(genome, Evolution.Neat.Phenotypes.Sigmoid.PaperSlope);
        var xor = NeatOnnxExport.Xor();
        var onnx = Probabilities(line.Path, xor);
        var expected = new float[8];
        var y = new double[1];
        for (var i = 0; i < 4; i++)
        {
            phenotype.Reset();
            phenotype.Activate([xor.Features[2 * i], xor.Features[(2 * i) + 1]], y);
            (expected[2 * i], expected[(2 * i) + 1]) = ((float)(1 - y[0]), (float)y[0]);
        }

        AssertSame(expected, onnx, 2);
        Assert.Equal(OnnxClassifier.Classify(expected, 2).Zip(xor.Labels).Count(p => p.First == p.Second) / 4.0, line.Accuracy);
        Assert.Equal(genome.EnabledConnectionCount, line.Kept);
    }

    [Fact]
    public async Task ExportOnnx_ActivationsWinner_MatchesTorchSharpAndTheFinalFitness()
    {
        using var temp = new TempFolder();
        var config = temp.File("act.yaml", ActivationRunTests.TinyCoevolution);
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "act", "--store", temp.Path);
        Assert.True(exit == 0, output);
        var run = await RunInspection.LoadAsync(temp.Path, "act", []);
        var final = run.Ranked.Single(m => m.Report.Scores.GetValueOrDefault("final") == 1);
        var line = await ExportAsync(temp, "act", Path.Combine(temp.Path, "out"), "--genome", final.Genome.Id);

        var data = ActivationKind.ReadSettings(run.Spec).Data;
        var (network, torchAccuracy) = OnnxExport.RetrainActivations(run, final, CPU, []);
        float[] expected;
        using (network)
        {
            expected = TorchProbabilities(network, DataCache.Load(data, run.Spec.Seed, []).Test);
        }

        AssertSame(expected, Probabilities(line.Path, RawTest(data, run.Spec.Seed)), 10);
        Assert.Equal(final.Report.Fitness, line.Accuracy, 4);
        Assert.Equal(torchAccuracy, line.Accuracy, 4);
    }

    [Fact]
    public async Task ExportOnnx_RecurrentNeatRun_RefusesWithTheReasonAndWritesNothing()
    {
        using var temp = new TempFolder();
        var config = temp.File("rnn.yaml", File.ReadAllText(Path.Combine(RunCommandTests.RepoRoot(), "configs", "neat-xor.yaml"))
            .Replace("generations: 60", "generations: 2", StringComparison.Ordinal)
            .Replace("  task: xor", "  task: xor\n  feed-forward: false", StringComparison.Ordinal));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "rnn", "--store", temp.Path);
        Assert.True(exit == 0, output);

        var outFolder = Path.Combine(temp.Path, "out");
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "export", "rnn", "--store", temp.Path, "--format", "onnx", "--out", outFolder);

        Assert.Equal(2, exit);
        Assert.Contains("is recurrent (feed-forward: false)", output, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(outFolder) ? Directory.GetFiles(outFolder) : []);
    }

    [Fact]
    public async Task ExportOnnx_PruningComparisonCells_ReproduceTheCellsTestAccuracy()
    {
        using var temp = new TempFolder();
        var config = temp.File("pruning.yaml", TestConfigs.TinyPruning().Replace("methods: [random, magnitude, snip, dissipating]", "methods: [magnitude]", StringComparison.Ordinal)
            .Replace("sparsities: [0.5, 0.9]", "sparsities: [0.9]", StringComparison.Ordinal).Replace("seeds: [1, 2]", "seeds: [1]", StringComparison.Ordinal));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "cells", "--store", temp.Path);
        Assert.True(exit == 0, output);
        var run = await RunInspection.LoadAsync(temp.Path, "cells", []);
        var pruned = run.Ranked.Single(m => m.Report.Scores["target_sparsity"] == 0.9);

        var best = await ExportAsync(temp, "cells", Path.Combine(temp.Path, "out"));
        var line = await ExportAsync(temp, "cells", Path.Combine(temp.Path, "out"), "--genome", pruned.Genome.Id, "--compact");

        Assert.Equal(run.Find("best").Report.Scores["test_accuracy"], best.Accuracy, 4);
        Assert.Equal(pruned.Report.Scores["test_accuracy"], line.Accuracy, 4);
        Assert.Matches(@"compact: fc0 48 -> \d+ units", line.Output);
        Assert.InRange(line.Kept, 1, 0.12 * ((256 * 48) + (48 * 10)));
    }

    private static async Task<ExportLine> ExportAsync(TempFolder temp, string runId, string outFolder, params string[] extra)
    {
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, ["export", runId, "--store", temp.Path, "--format", "onnx", "--out", outFolder, "--device", "cpu", .. extra]);
        Assert.True(exit == 0, output);
        var last = output.TrimEnd().Split('\n')[^1];
        var match = LastLine().Match(last);
        Assert.True(match.Success, output);
        return new ExportLine(match.Groups[1].Value, double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture), output);
    }

    private static LabeledData RawTest(DataSpec data, ulong seed) => DataCache.Load(data with { Normalization = NormalizationMode.None }, seed, []).Test;

    private static float[] Probabilities(string path, LabeledData data)
    {
        using var model = OnnxClassifier.Load(path);
        return model.Predict(data.Features, data.Count);
    }

    private static float[] TorchProbabilities(MaskedNetwork network, LabeledData normalised)
    {
        using var noGrad = no_grad();
        network.eval();
        using var x = tensor(normalised.Features, [normalised.Count, normalised.FeatureCount]);
        using var logits = network.forward(x);
        using var probabilities = logits.softmax(1);
        return probabilities.data<float>().ToArray();
    }

    private static void AssertSame(float[] expected, float[] actual, int classes)
    {
        Assert.Equal(expected.Length, actual.Length);
        var diff = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(diff <= 1e-5, $"max |diff| in probabilities {diff}");
        Assert.Equal(OnnxClassifier.Classify(expected, classes), OnnxClassifier.Classify(actual, classes));
    }

    [GeneratedRegex(@"^onnx=(\S+) test_accuracy=(\S+) kept_weights=(\d+) sparsity=(\S+)$")]
    private static partial Regex LastLine();

    private sealed record ExportLine(string Path, double Accuracy, long Kept, string Output);
}
