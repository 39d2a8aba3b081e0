using EvoPrune.Data.Catalog;
using EvoPrune.Data.Normalization;

namespace EvoPrune.Data.Tests.RealData;

public sealed class MnistTests(MnistFixture mnist) : IClassFixture<MnistFixture>
{
    [SkippableFact]
    public void Read_OfficialFiles_HaveOfficialCountsAndShape()
    {
        var (train, test) = mnist.Require();

        Assert.Equal(60000, train.Count);
        Assert.Equal(10000, test.Count);
        Assert.Equal(784, train.FeatureCount);
        Assert.Equal(new ImageShape(1, 28, 28), train.Shape);
        Assert.Equal(10, train.ClassCount);
        Assert.Equal(5, train.Labels[0]);
        Assert.Equal(7, test.Labels[0]);
    }

    [SkippableFact]
    public void Read_OfficialFiles_LabelHistogramsMatchManifest()
    {
        var (train, test) = mnist.Require();

        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], train.ClassCounts());
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], test.ClassCounts());
    }

    [SkippableFact]
    public void Read_Pixels_AreInUnitRangeWithBlackBackground()
    {
        var (train, _) = mnist.Require();

        Assert.Equal(0f, train.Features.Min());
        Assert.Equal(1f, train.Features.Max());
        Assert.Equal(0f, train.Row(0)[0]);
    }

    [SkippableFact]
    public void Normalize_Global_GivesZeroMeanUnitStdOnTrain()
    {
        var (train, test) = mnist.Require();
        var splits = new DatasetSplits(train, train.Take(0), test).Normalize(NormalizationMode.Global);

        double sum = 0, sumSquares = 0;
        foreach (var v in splits.Train.Features)
        {
            sum += v;
            sumSquares += (double)v * v;
        }

        var mean = sum / splits.Train.Features.Length;
        var std = Math.Sqrt((sumSquares / splits.Train.Features.Length) - (mean * mean));

        Assert.Equal(0, mean, 1e-4);
        Assert.Equal(1, std, 1e-4);
        Assert.Equal(0.1307, splits.Normalization!.Mean[0], 3);
        Assert.Equal(0.3081, splits.Normalization.Std[0], 3);
    }

    [SkippableFact]
    public void SplitPipeline_CapsAndValidation_AreStratified()
    {
        var (train, test) = mnist.Require();
        var options = new DatasetLoadOptions { Seed = 3, ValidationFraction = 0.1, MaxTrainSamples = 1000, MaxValidationSamples = 500, MaxTestSamples = 2000 };

        var splits = SplitPipeline.Build("mnist", train, test, options);

        Assert.Equal(1000, splits.Train.Count);
        Assert.Equal(500, splits.Validation.Count);
        Assert.Equal(2000, splits.Test.Count);
        var expected = train.ClassCounts().Select(c => c * 1000.0 / train.Count).ToArray();
        Assert.All(splits.Train.ClassCounts().Zip(expected), p => Assert.InRange(p.First, p.Second - 1, p.Second + 1));
        Assert.Equal("mnist/validation", splits.Validation.Name);
    }
}
