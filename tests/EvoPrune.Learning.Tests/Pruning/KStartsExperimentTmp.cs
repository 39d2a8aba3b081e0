using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace EvoPrune.Learning.Tests.Pruning;

public class KStartsExperimentTmp(ITestOutputHelper output)
{
    [Fact]
    public void Experiment()
    {
        torch.set_num_threads(1);
        var data = DataCache.Prepare(new DataSpec { Dataset = Environment.GetEnvironmentVariable("XDS") ?? "mnist", ValidationFraction = 0.1, MaxTrain = int.Parse(Environment.GetEnvironmentVariable("XN") ?? "4000"), MaxValidation = 1000, MaxTest = 2000, Normalization = EvoPrune.Data.Normalization.NormalizationMode.Global }, 1, ["/work/shared/data"], torch.CPU);
        var architecture = new ModelSpec { Architecture = "lenet300-100" }.Build(data.Splits.Train);
        var sparsity = double.Parse(Environment.GetEnvironmentVariable("XS") ?? "0.99", System.Globalization.CultureInfo.InvariantCulture);
        var k = int.Parse(Environment.GetEnvironmentVariable("XK") ?? "8");
        var opts = new TrainerOptions { Epochs = 2, BatchSize = 64, LearningRate = 0.05, Momentum = 0.9 };
        foreach (var seed in Enumerable.Range(1, 8).Select(s => (ulong)s))
        {
            var context = new PruningContext(architecture, ["relu"], data.Train, data.Validation, data.Test, opts, RandomKey.ForPurpose(seed, "pruning"));
            var random = new RandomPruning(PruningTarget.PerLayer(sparsity)).Run(context).Report.TopOneAccuracy;
            var line = $"seed {seed} random {random:F4}";
            foreach (var c in new[] { KStartsCriterion.WeightMagnitude, KStartsCriterion.GradientAccumulation, KStartsCriterion.Combined, KStartsCriterion.ValidationAccuracy })
            {
                var r = new KStartsSearch(new KStartsOptions { Target = PruningTarget.PerLayer(sparsity), Starts = k, ScoringEpochs = 1, Criterion = c }).Run(context).Report.TopOneAccuracy;
                line += $" {c} {r:F4}";
            }

            output.WriteLine(line);
            File.AppendAllText("/tmp/wa/exp-lines.txt", $"{Environment.GetEnvironmentVariable("XS")} {line}\n");
        }
    }
}
