using EvoPrune.Data.Catalog;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;
using TorchSharp;

namespace EvoPrune.Learning.Tests.Pruning;

/// <summary>The pruning methods against published figures and against each other on real MNIST digits.</summary>
[Trait("Category", "Slow")]
public class PublishedFigureTests
{
    /// <summary>
    /// SNIP (Lee et al. 2019, Table 3): LeNet-300-100 at 90% sparsity, Adam 1e-3, batch 100, sensitivity from one batch
    /// of 100, global top-κ: 1.91 ± 0.10% test error over 20 seeds (their training length is not given; about 20
    /// epochs). Here 8 epochs on the 54,000 training digits (about 45 s on 2 busy cores), one seed, so the bound is looser:
    /// within 0.8 pp (measured: 2.52% error; 3 epochs gave 3.54%).
    /// </summary>
    [SkippableFact]
    public void Snip_LeNet300100AtNinetyPercentOnMnist_LandsNearThePublishedError()
    {
        RequireDataset("mnist");
        var data = DataCache.Prepare(new DataSpec { Dataset = "mnist", ValidationFraction = 0.1, MaxValidation = 1000 }, 1, [], torch.CPU);
        var architecture = new ModelSpec { Architecture = "lenet300-100" }.Build(data.Splits.Train);
        var training = new TrainerOptions { Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, BatchSize = 100, Epochs = 8 };
        var context = new PruningContext(architecture, ["relu"], data.Train, data.Validation, data.Test, training, RandomKey.ForPurpose(1, "snip-published"));

        PruningOutcome outcome;
        using (OneTorchThread())
        {
            outcome = new SnipPruning(SnipOptions.Global(0.9)).Run(context);
        }

        Assert.Equal(0.9, outcome.Report.Sparsity, 9);
        var error = 100 * (1 - outcome.Report.TopOneAccuracy!.Value);
        Assert.True(Math.Abs(error - 1.91) <= 0.8, $"SNIP at 90%: {error:F2}% test error, published 1.91 ± 0.10%");
    }

    /// <summary>
    /// K-starts (Haroon 2022) with a trained criterion beats random pruning at 98% on MNIST (LeNet-300-100, 12,000
    /// training digits, SGD lr 0.1, momentum 0.9, 3 epochs), paired over 8 seeds. Each seed runs one search of 8 starts
    /// with the selection control: every start also trains to the end, and since a start trained on in its own session
    /// is exactly random pruning of its mask (KStartsTests), the mean of the 8 is random pruning's expected accuracy at
    /// that θ0 — without the ±9 pp mask-to-mask noise a single random mask would add. The winner under each trained
    /// criterion (validation accuracy, gradient accumulation, combined) must beat that mean with an exact one-sided
    /// sign-flip p &lt; 0.05 (measured: +7.8, +7.4, +7.8 pp, every seed positive). Weight magnitude is reported only
    /// (+5.7 pp, t 3.1). Not claimed: other learning rates (at lr 0.05 the MNIST gain is not significant; see README).
    /// </summary>
    [SkippableFact]
    public void KStartsWithATrainedCriterion_AtNinetyEightPercent_BeatsRandomPruningOverEightSeeds()
    {
        RequireDataset("mnist");
        var contextFor = LeNetOnMnist(maxTrain: 12000);
        var target = PruningTarget.PerLayer(0.98);
        var search = new KStartsSearch(new KStartsOptions { Target = target, Starts = 8, Criterion = KStartsCriterion.ValidationAccuracy, TrainEveryStart = true });
        KStartsCriterion[] criteria = [KStartsCriterion.ValidationAccuracy, KStartsCriterion.GradientAccumulation, KStartsCriterion.Combined, KStartsCriterion.WeightMagnitude];
        var gains = criteria.ToDictionary(c => c, _ => new List<double>());
        var lines = new List<string>();
        using (OneTorchThread())
        {
            foreach (var seed in Enumerable.Range(1, 8).Select(s => (ulong)s))
            {
                var context = contextFor(seed);
                var outcome = search.Search(context);
                UspsContexts.AssertExactAndZero(outcome.Winner, target);
                var accuracies = outcome.StartTestAccuracies!;
                foreach (var criterion in criteria)
                {
                    gains[criterion].Add(accuracies[KStartsSearch.Winner(MaskScorer.Fitness(outcome.Scores, criterion))] - accuracies.Average());
                }

                Assert.Equal(outcome.SelectionGain, gains[KStartsCriterion.ValidationAccuracy][^1], 12);
                lines.Add($"seed {seed}: starts {string.Join(" ", accuracies.Select(a => a.ToString("P1")))}; gains {string.Join(", ", criteria.Select(c => $"{c} {100 * gains[c][^1]:+0.0;-0.0}"))}");
            }
        }

        var summary = string.Join("\n", criteria.Select(c => new PairedGain(gains[c]) is var g ? $"{c}: {100 * g.Mean:+0.00} pp ± {100 * g.StandardDeviation:F2}, t {g.T:F2}, sign-flip p {g.SignFlipP:0.0000}" : null).Concat(lines));
        foreach (var criterion in criteria.Take(3))
        {
            Assert.True(new PairedGain(gains[criterion]).SignFlipP < 0.05, $"{criterion} did not beat random pruning:\n{summary}");
        }
    }

    /// <summary>
    /// K-starts (Haroon 2022) with a trained criterion against random pruning at 98% on 4,000 MNIST digits, paired
    /// over 6 seeds (one-sided paired t-test at 5%). Plain K-starts (best of k random masks by validation accuracy,
    /// magnitude or gradients after one epoch) did not beat random pruning significantly in any cheap setting tried
    /// (see README, "Pruning"); the combination does: 3 starts drawn at 49% sparsity, refined by dissipating gradients
    /// to 98% during their scoring epoch, ranked by the combined criterion, the winner trained on — against a random
    /// 98% mask trained for the same 3 epochs.
    /// </summary>
    [SkippableFact]
    public void KStartsWithDissipatingGradients_AtNinetyEightPercent_BeatsRandomPruningOverSixSeeds()
    {
        RequireDataset("mnist");
        var contextFor = LeNetOnMnist(maxTrain: 4000);
        var target = PruningTarget.PerLayer(0.98);
        var combination = new KStartsSearch(new KStartsOptions
        {
            Target = PruningTarget.PerLayer(0.49),
            Starts = 3,
            Criterion = KStartsCriterion.Combined,
            Refine = new DissipatingGradientsOptions { Target = target, PruneEpochs = 1, PruneEverySteps = 10 },
        });
        var differences = new List<double>();
        var lines = new List<string>();
        using (OneTorchThread())
        {
            foreach (var seed in Enumerable.Range(1, 6).Select(s => (ulong)s))
            {
                var context = contextFor(seed);
                var chosen = combination.Run(context);
                var random = new RandomPruning(target).Run(context);
                Assert.Equal(random.Report.Sparsity, chosen.Report.Sparsity, 12);
                differences.Add(chosen.Report.TopOneAccuracy!.Value - random.Report.TopOneAccuracy!.Value);
                lines.Add($"seed {seed}: k-starts + DG {chosen.Report.TopOneAccuracy:P2} vs random {random.Report.TopOneAccuracy:P2}");
            }
        }

        var mean = differences.Average();
        var sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Count - 1));
        var t = mean / (sd / Math.Sqrt(differences.Count));
        const double criticalT5 = 2.015; // one-sided 5%, 5 degrees of freedom
        Assert.True(t > criticalT5, $"paired t = {t:F2} (mean difference {100 * mean:F2} pp):\n{string.Join("\n", lines)}");
    }

    // LeNet-300-100 on an MNIST training subset (20% held out for validation, at most 1,000; 2,000 test digits),
    // SGD lr 0.1 with momentum 0.9, batch 64, 3 epochs; one context per seed.
    private static Func<ulong, PruningContext> LeNetOnMnist(int maxTrain)
    {
        var data = DataCache.Prepare(new DataSpec { Dataset = "mnist", ValidationFraction = 0.2, MaxTrain = maxTrain, MaxValidation = 1000, MaxTest = 2000 }, 1, [], torch.CPU);
        var architecture = new ModelSpec { Architecture = "lenet300-100" }.Build(data.Splits.Train);
        var training = new TrainerOptions { LearningRate = 0.1, Momentum = 0.9, BatchSize = 64, Epochs = 3 };
        return seed => new PruningContext(architecture, ["relu"], data.Train, data.Validation, data.Test, training, RandomKey.ForPurpose(seed, "kstarts-vs-random"));
    }

    // Torch's default one thread per core spins against other processes on a busy machine; one thread is much faster there.
    private static Restore OneTorchThread()
    {
        var previous = torch.get_num_threads();
        torch.set_num_threads(1);
        return new Restore(() => torch.set_num_threads(previous));
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    internal static void RequireDataset(string name)
    {
        if (new DatasetCatalog().Locate(name) != null)
        {
            return;
        }

        var reason = $"dataset '{name}' not found (set EVOPRUNE_DATA to the shared data folder)";
        if (Environment.GetEnvironmentVariable("EVOPRUNE_REQUIRE_DATA") == "1")
        {
            Assert.Fail(reason + "; EVOPRUNE_REQUIRE_DATA=1 makes this a failure");
        }

        Skip.If(true, reason);
    }
}
