using System.Globalization;
using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Data.Normalization;
using EvoPrune.Ensembles.Fusion;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Onnx;

namespace EvoPrune.Cli.Tests;

/// <summary>
/// Ensemble genomes exported to ONNX: MLP members with the run's fusion rule give, in ONNX Runtime, the fused labels and
/// fused scores of the retrained pool on the test split; a selection with members ONNX cannot carry is refused by name.
/// </summary>
[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public class OnnxEnsembleExportTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    private static string Config(string members, string fusion) => $"""
        name: onnx-ensemble
        seed: 5
        data:
          dataset: glass
          validation: 0.3
        run:
          kind: ensemble
          generations: 2
          population: 6
        search:
          algorithm: umda
          members: [{members}]
          fusion: {fusion}
          weighting: accuracy
        """;

    [SkippableTheory]
    [InlineData("majority")]
    [InlineData("weighted")]
    public async Task ExportOnnx_EnsembleOfMlps_EqualsTheFusionOfTheRetrainedPool(string fusion)
    {
        SkipWithoutGlass();
        using var temp = new TempFolder();
        var config = temp.File("ensemble.yaml", Config("mlp16, mlp8-tanh, mlp16x8, mlp8", fusion));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "ens", "--store", temp.Path);
        Assert.True(exit == 0, output);
        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "export", "ens", "--store", temp.Path, "--format", "onnx", "--out", Path.Combine(temp.Path, "out"));
        Assert.True(exit == 0, output);
        var path = Path.Combine(temp.Path, "out", output.TrimEnd().Split('\n')[^1].Split(' ')[0]["onnx=".Length..].Split('/')[^1]);

        var run = await RunInspection.LoadAsync(temp.Path, "ens", []);
        var member = run.Find("best");
        var (pool, predictions, members, weights, settings) = EnsembleOnnxExport.Retrain(run, member, []);
        pool.Dispose();
        var test = predictions.Test;
        var k = test.ClassCount;
        var expected = new float[test.Count * k];
        for (var i = 0; i < test.Count; i++)
        {
            for (var c = 0; c < k; c++)
            {
                expected[(i * k) + c] = settings.Fitness.Fusion == FusionRule.WeightedAverage
                    ? (float)(members.Sum(m => weights![m] * test.Probabilities[m][(i * k) + c]) / members.Sum(m => weights![m]))
                    : (float)((members.Count(m => test.Predictions[m][i] == c) * (members.Length + 1.0)) + members.Sum(m => test.Probabilities[m][(i * k) + c])) / (members.Length * (members.Length + 2));
            }
        }

        var raw = DataCache.Load(settings.Data with { Normalization = NormalizationMode.None }, run.Spec.Seed, []).Test;
        using var model = OnnxClassifier.Load(path);
        var onnx = model.Predict(raw.Features, raw.Count);
        var diff = expected.Zip(onnx).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(diff <= 1e-5, $"max |diff| {diff}");
        var fused = EnsembleFusion.Predict(test, members, settings.Fitness.Fusion, weights);
        Assert.Equal(fused, OnnxClassifier.Classify(onnx, k));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"test_accuracy={EnsembleFusion.Accuracy(test, members, settings.Fitness.Fusion, weights):F4}"), output, StringComparison.Ordinal);
        Assert.Equal(member.Report.Scores["test_accuracy"], test.Accuracy(fused), 12);
    }

    [SkippableFact]
    public async Task ExportOnnx_EnsembleWithNonMlpMembers_RefusesNamingThem()
    {
        SkipWithoutGlass();
        using var temp = new TempFolder();
        var config = temp.File("ensemble.yaml", Config("logreg, gnb", "majority"));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "ens", "--store", temp.Path);
        Assert.True(exit == 0, output);

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "export", "ens", "--store", temp.Path, "--format", "onnx", "--out", Path.Combine(temp.Path, "out"));

        Assert.Equal(2, exit);
        Assert.Matches(@"votes with (the pool's best, )?(logreg|gnb)(, gnb)?, which ONNX export cannot carry", output);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "out")) && Directory.GetFiles(Path.Combine(temp.Path, "out")).Length > 0);
    }

    private static void SkipWithoutGlass() =>
        Skip.If(new Data.Catalog.DatasetCatalog().Locate("glass") == null && Environment.GetEnvironmentVariable("EVOPRUNE_REQUIRE_DATA") != "1", "UCI glass not found; set EVOPRUNE_DATA");
}
