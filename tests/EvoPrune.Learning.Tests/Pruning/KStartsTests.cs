using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;

namespace EvoPrune.Learning.Tests.Pruning;

public class KStartsTests
{
    [Fact]
    public void Fitness_Combined_AveragesZScoresOfMagnitudeAndGradient()
    {
        MaskScore[] scores = [new(1, 10, 0.5, 5), new(3, 10, 0.6, 5), new(2, 40, 0.7, 5)];

        var fitness = MaskScorer.Fitness(scores, KStartsCriterion.Combined);

        // z(mag) = [-1.22, 1.22, 0], z(grad) = [-0.71, -0.71, 1.41].
        Assert.Equal(new[] { -0.966, 0.259, 0.707 }, fitness.Select(f => Math.Round(f, 3)).ToArray());
        Assert.Equal([0.5, 0.6, 0.7], MaskScorer.Fitness(scores, KStartsCriterion.ValidationAccuracy));
    }

    [Fact]
    public void Score_SameMaskAndKeys_IsDeterministicAndCountsSteps()
    {
        var context = UspsContexts.Mlp(seed: 31);
        var masks = RandomPruning.DrawMasks(context.LayerSizes, PruningTarget.PerLayer(0.9), EvoPrune.Evolution.Randomness.RandomSources.For(context.KeyFor("m")));
        var scorer = new MaskScorer(new TrainerOptions { BatchSize = 64, LearningRate = 0.05, MaxSteps = 10 });

        var first = scorer.Score(context.Architecture, context.Activations, masks, context.Train, context.Validation, context.KeyFor("init"), context.KeyFor("shuffle"));
        var second = scorer.Score(context.Architecture, context.Activations, masks, context.Train, context.Validation, context.KeyFor("init"), context.KeyFor("shuffle"));

        Assert.Equal(first, second);
        Assert.Equal(10, first.Steps);
        Assert.True(first.WeightMagnitude > 0 && first.GradientAccumulation > 0 && first.ValidationAccuracy > 0.1);
    }

    [Fact]
    public void Search_TrainEveryStart_EachStartEndsExactlyAsRandomPruningOfItsMaskAndTheWinnerIsUnchanged()
    {
        var context = UspsContexts.Mlp(seed: 12, epochs: 3);
        var target = PruningTarget.PerLayer(0.9);
        var options = new KStartsOptions { Target = target, Starts = 3, Criterion = KStartsCriterion.ValidationAccuracy, TrainEveryStart = true };

        var controlled = new KStartsSearch(options).Search(context);
        var plain = new KStartsSearch(options with { TrainEveryStart = false }).Search(context);

        Assert.Null(plain.StartTestAccuracies);
        Assert.True(double.IsNaN(plain.SelectionGain));
        Assert.Equal(plain.WinnerIndex, controlled.WinnerIndex);
        Assert.Equal(plain.Winner.Weights, controlled.Winner.Weights);
        var accuracies = controlled.StartTestAccuracies!;
        Assert.Equal(3, accuracies.Count);
        Assert.Equal(controlled.Winner.Report.TopOneAccuracy, accuracies[controlled.WinnerIndex]);
        Assert.Equal(controlled.Winner.Report.TopOneAccuracy!.Value - accuracies.Average(), controlled.SelectionGain, 12);

        // Scoring epoch, then the rest in the same session == the whole budget in one go from θ0: random pruning of that mask.
        for (var j = 0; j < 3; j++)
        {
            var masks = RandomPruning.DrawMasks(context.LayerSizes, target, EvoPrune.Evolution.Randomness.RandomSources.For(context.KeyFor($"kstarts/mask{j}")));
            using var network = context.CreateNetwork(masks);
            new Trainer(context.Training).Fit(network, context.Train, context.KeyFor("shuffle"));
            Assert.Equal(Trainer.Accuracy(network, context.Test!), accuracies[j]);
        }
    }

    [Fact]
    public void Search_TrainEveryStartWithoutATestSplit_SaysWhatIsMissing()
    {
        var context = UspsContexts.Mlp(seed: 13) with { Test = null };
        var search = new KStartsSearch(new KStartsOptions { Target = PruningTarget.PerLayer(0.5), Starts = 2, TrainEveryStart = true });

        var error = Assert.Throws<InvalidOperationException>(() => search.Search(context));

        Assert.Contains("no test split", error.Message, StringComparison.Ordinal);
    }
}
