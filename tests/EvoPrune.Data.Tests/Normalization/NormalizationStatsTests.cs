using EvoPrune.Data.Normalization;

namespace EvoPrune.Data.Tests.Normalization;

public sealed class NormalizationStatsTests
{
    private static LabeledData Table(float[][] rows, string name = "t") =>
        new(name, [.. rows.SelectMany(r => r)], new int[rows.Length], rows[0].Length, ["only"]);

    [Fact]
    public void Apply_PerFeature_GivesZeroMeanUnitStdOnTrain()
    {
        var train = Table([[1, 100, 5], [2, 300, 5], [3, 200, 5], [6, 0, 5]]);
        var stats = NormalizationStats.Compute(train, NormalizationMode.PerFeature);

        var normalized = stats.Apply(train);

        for (var j = 0; j < 2; j++)
        {
            var column = Enumerable.Range(0, 4).Select(i => (double)normalized.Row(i)[j]).ToArray();
            var mean = column.Average();
            Assert.Equal(0, mean, 1e-6);
            Assert.Equal(1, Math.Sqrt(column.Average(v => (v - mean) * (v - mean))), 1e-6);
        }
    }

    [Fact]
    public void Apply_ConstantFeature_IsCentredNotDividedAndHasNoNaN()
    {
        var train = Table([[1, 5], [2, 5]]);
        var stats = NormalizationStats.Compute(train, NormalizationMode.PerFeature);

        var normalized = stats.Apply(Table([[1, 7]]));

        Assert.Equal(1f, stats.Std[1]);
        Assert.Equal(2f, normalized.Features[1]);
        Assert.All(stats.Apply(train).Features, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Normalize_Splits_UsesTrainStatisticsOnly()
    {
        var train = Table([[0], [2]], "train");
        var test = Table([[10], [12]], "test");

        var splits = new DatasetSplits(train, train.Take(0), test).Normalize(NormalizationMode.PerFeature);

        Assert.Equal([-1f, 1f], splits.Train.Features);
        Assert.Equal([9f, 11f], splits.Test.Features);
        Assert.Equal(1f, splits.Normalization!.Mean[0]);
        Assert.Equal([0f, 2f], train.Features);
    }

    [Fact]
    public void Compute_AutoOnImages_UsesOneGlobalStatistic()
    {
        var images = new LabeledData("img", [0, 1, 1, 0, 1, 1, 0, 0], [0, 0], 4, ["x"], ImageShape.Grey(2, 2));

        var stats = NormalizationStats.Compute(images, NormalizationMode.Auto);

        Assert.Equal(NormalizationMode.Global, stats.Mode);
        Assert.Single(stats.Mean);
        Assert.Equal(0.5f, stats.Mean[0]);
        Assert.Equal(0.5f, stats.Std[0]);
    }

    [Fact]
    public void ApplyInPlace_WrongWidth_Throws()
    {
        var stats = NormalizationStats.Compute(Table([[1, 2, 3]]), NormalizationMode.PerFeature);

        Assert.Throws<ArgumentException>(() => stats.ApplyInPlace(new float[4], 4));
    }
}
