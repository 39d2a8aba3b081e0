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
}
