using EvoPrune.Ensembles.Pool;

namespace EvoPrune.Ensembles.Tests;

public class PoolTests
{
    [SkippableFact]
    public void Train_IrisSmallPool_EveryMemberBeatsChance()
    {
        TestData.RequireOrSkip("iris");
        var train = TestData.Iris(out var selection, out var test);
        using var pool = ClassifierPool.Train(train, new PoolSpec { Members = BaseClassifiers.Small }, 1);
        var predictions = pool.Predict(selection, test);
        Assert.Equal(BaseClassifiers.Small.Count, predictions.Size);
        for (var m = 0; m < predictions.Size; m++)
        {
            Assert.True(predictions.Test.Accuracies[m] > 0.6, $"{predictions.MemberNames[m]}: {predictions.Test.Accuracies[m]}");
            var row = predictions.Test.Probabilities[m].AsSpan(0, 3).ToArray();
            Assert.Equal(1.0, row.Sum(), 3);
        }
    }

    [SkippableFact]
    public void Train_WineAllAlgorithmsWithReplica_AreDeterministicAndBeatChance()
    {
        TestData.RequireOrSkip("wine");
        var splits = TestData.Catalog.Load("wine", new Data.Catalog.DatasetLoadOptions { Seed = 2, ValidationFraction = 0.25 });
        var spec = new PoolSpec { Members = ["sdca", "forest", "lightgbm", "knn15", "mlp8x8-tanh"], BootstrapReplicas = 1 };
        PoolPredictions first;
        PoolPredictions second;
        using (var pool = ClassifierPool.Train(splits.Train, spec, 4))
        {
            first = pool.Predict(splits.Validation, splits.Test);
        }

        using (var pool = ClassifierPool.Train(splits.Train, spec, 4))
        {
            second = pool.Predict(splits.Validation, splits.Test);
        }

        Assert.Equal(10, first.Size);
        Assert.Contains("lightgbm#b1", first.MemberNames);
        Assert.All(first.Test.Accuracies, a => Assert.True(a > 0.5, $"accuracy {a}"));
        for (var m = 0; m < first.Size; m++)
        {
            // ML.NET's trainers repeat to ~1e-7 (float summation order), so labels must match exactly, probabilities closely.
            Assert.Equal(first.Test.Predictions[m], second.Test.Predictions[m]);
            Assert.All(first.Test.Probabilities[m].Zip(second.Test.Probabilities[m]), p => Assert.Equal(p.First, p.Second, 1e-5));
        }
    }

    [Fact]
    public void Create_UnknownName_Throws() => Assert.Throws<ArgumentException>(() => BaseClassifiers.Create("svm-rbf"));

    [Fact]
    public void NormalizeRows_Margins_BecomeDistribution()
    {
        float[] scores = [-1f, 2f, 0.5f, 1f, 3f, 0f];
        Probabilities.NormalizeRows(scores, 3);
        Assert.Equal(1.0, scores[0] + scores[1] + scores[2], 5);
        Assert.Equal([0.25f, 0.75f, 0f], scores[3..]);
        Assert.Equal([1, 1], Probabilities.ArgMax(scores, 3));
    }
}
