using EvoPrune.Data.Catalog;
using EvoPrune.Data.Synthetic;
using EvoPrune.Data.Tests.Support;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Data.Tests.Synthetic;

public sealed class SyntheticManifoldTests
{
    private static readonly ManifoldOptions _small = new() { IntrinsicDimension = 3, AmbientDimension = 20, ClassCount = 5, TrainCount = 2000, TestCount = 300 };

    [Fact]
    public void SampleSplits_Options_HaveRequestedShapesAndLabelRange()
    {
        var (train, test) = SyntheticManifold.Create(_small, 1).SampleSplits();

        Assert.Equal(2000, train.Count);
        Assert.Equal(300, test.Count);
        Assert.Equal(20, train.FeatureCount);
        Assert.Equal(5, train.ClassCount);
        Assert.Null(train.Shape);
        Assert.All(train.Labels, l => Assert.InRange(l, 0, 4));
        Assert.All(train.Features, v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData(ManifoldLabelRule.Linear, LatentDistribution.Uniform, 2, 4)]
    [InlineData(ManifoldLabelRule.Linear, LatentDistribution.Gaussian, 5, 10)]
    [InlineData(ManifoldLabelRule.Teacher, LatentDistribution.Uniform, 3, 6)]
    [InlineData(ManifoldLabelRule.Teacher, LatentDistribution.Gaussian, 1, 3)]
    public void SampleSplits_AnyRule_ClassesRoughlyBalanced(ManifoldLabelRule rule, LatentDistribution latent, int d, int k)
    {
        var options = _small with { LabelRule = rule, Latent = latent, IntrinsicDimension = d, ClassCount = k, TrainCount = 4000 };

        var (train, _) = SyntheticManifold.Create(options, 5).SampleSplits();

        var expected = 4000.0 / k;
        Assert.All(train.ClassCounts(), c => Assert.InRange(c, 0.6 * expected, 1.4 * expected));
    }

    [Fact]
    public void SampleSplits_SameSeed_GivesIdenticalData()
    {
        var a = SyntheticManifold.Create(_small with { Noise = 0.05 }, 42).SampleSplits();
        var b = SyntheticManifold.Create(_small with { Noise = 0.05 }, 42).SampleSplits();

        Assert.Equal(a.Train.Features, b.Train.Features);
        Assert.Equal(a.Train.Labels, b.Train.Labels);
        Assert.Equal(a.Test.Features, b.Test.Features);
    }

    [Fact]
    public void SampleSplits_DifferentSeed_GivesDifferentData()
    {
        var a = SyntheticManifold.Create(_small, 42).SampleSplits();
        var b = SyntheticManifold.Create(_small, 43).SampleSplits();

        Assert.NotEqual(a.Train.Features, b.Train.Features);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void LinearEmbedding_GlobalPca_HasRankIntrinsicDimension(int d)
    {
        var options = _small with { IntrinsicDimension = d, Embedding = ManifoldEmbedding.Linear, TrainCount = 500 };
        var (train, _) = SyntheticManifold.Create(options, 9).SampleSplits();

        var eigen = Eigen.SymmetricEigenvalues(Eigen.Covariance(Rows(train)));

        Assert.True(eigen[d - 1] > 1e-2 * eigen[0], $"eigenvalue {d} is {eigen[d - 1]}, top {eigen[0]}");
        Assert.True(eigen[d] < 1e-8 * eigen[0], $"eigenvalue {d + 1} is {eigen[d]}, top {eigen[0]}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void SineEmbedding_LocalNeighbourhood_HasRankIntrinsicDimension(int d)
    {
        var manifold = SyntheticManifold.Create(_small with { IntrinsicDimension = d, AmbientDimension = 30, Frequency = 3 }, 4);
        var random = RandomSources.For(4, -1, -1, "test-neighbourhood");
        var centre = manifold.SampleLatent(1, random);
        var points = new List<double[]>();
        for (var i = 0; i < 200; i++)
        {
            var z = centre.Select(c => c + (1e-3 * ((2 * random.NextDouble()) - 1))).ToArray();
            var x = new float[30];
            manifold.Embed(z, x);
            points.Add([.. x.Select(v => (double)v)]);
        }

        var eigen = Eigen.SymmetricEigenvalues(Eigen.Covariance(points));

        Assert.True(eigen[d - 1] > 1e-3 * eigen[0], $"eigenvalue {d} is {eigen[d - 1]}, top {eigen[0]}");
        Assert.True(eigen[d] < 1e-4 * eigen[d - 1], $"eigenvalue {d + 1} is {eigen[d]}, eigenvalue {d} {eigen[d - 1]}");
    }

    [Fact]
    public void SineEmbedding_Noise_FillsAmbientDimensions()
    {
        var (clean, _) = SyntheticManifold.Create(_small with { Embedding = ManifoldEmbedding.Linear, TrainCount = 500 }, 2).SampleSplits();
        var (noisy, _) = SyntheticManifold.Create(_small with { Embedding = ManifoldEmbedding.Linear, TrainCount = 500, Noise = 0.1 }, 2).SampleSplits();

        var cleanEigen = Eigen.SymmetricEigenvalues(Eigen.Covariance(Rows(clean)));
        var noisyEigen = Eigen.SymmetricEigenvalues(Eigen.Covariance(Rows(noisy)));

        Assert.True(cleanEigen[^1] < 1e-8);
        Assert.InRange(noisyEigen[^1], 0.005, 0.02);
        Assert.Equal(clean.Labels, noisy.Labels);
    }

    [Fact]
    public void CatalogLoad_ManifoldNameWithParameters_UsesThem()
    {
        var catalog = new DatasetCatalog(new DatasetCatalogOptions { UseEnvironment = false, SearchRepository = false, UseSystemDirectory = false });

        var splits = catalog.Load("manifold:d=2,D=10,K=3,n=500,test=100", new DatasetLoadOptions { Seed = 1, ValidationFraction = 0.2 });
        var again = catalog.Load("manifold", new DatasetLoadOptions { Seed = 1, ValidationFraction = 0.2, Manifold = ManifoldOptions.Parse("d=2,D=10,K=3,n=500,test=100") });

        Assert.Equal(400, splits.Train.Count);
        Assert.Equal(100, splits.Validation.Count);
        Assert.Equal(100, splits.Test.Count);
        Assert.Equal(10, splits.FeatureCount);
        Assert.Equal(3, splits.ClassCount);
        Assert.Equal(splits.Train.Features, again.Train.Features);
    }

    [Fact]
    public void CatalogLoad_PinnedDataSeed_KeepsProblemButChangesValidationSplit()
    {
        var catalog = new DatasetCatalog(new DatasetCatalogOptions { UseEnvironment = false, SearchRepository = false, UseSystemDirectory = false });
        var options = new DatasetLoadOptions { DataSeed = 100, Manifold = _small };

        var a = catalog.Load("manifold", options with { Seed = 1 });
        var b = catalog.Load("manifold", options with { Seed = 2 });

        Assert.Equal(a.Test.Features, b.Test.Features);
        Assert.NotEqual(a.Validation.Features, b.Validation.Features);
    }

    [Fact]
    public void OptionsParse_ToSpec_RoundTrips()
    {
        var options = ManifoldOptions.Parse("d=5, D=50, K=7, n=123, test=45, noise=0.25, latent=gaussian, embedding=linear, frequency=1.5, rule=teacher, hidden=8");

        Assert.Equal(5, options.IntrinsicDimension);
        Assert.Equal(50, options.AmbientDimension);
        Assert.Equal(ManifoldLabelRule.Teacher, options.LabelRule);
        Assert.Equal(options, ManifoldOptions.Parse(options.ToSpec()));
    }

    [Theory]
    [InlineData("d=5,D=3")]
    [InlineData("K=1")]
    [InlineData("x=1")]
    [InlineData("d=two")]
    [InlineData("latent=cube")]
    public void OptionsParse_BadText_Throws(string text)
    {
        Assert.Throws<FormatException>(() => ManifoldOptions.Parse(text));
    }

    private static List<double[]> Rows(LabeledData data) =>
        [.. Enumerable.Range(0, data.Count).Select(i => data.Row(i).ToArray().Select(v => (double)v).ToArray())];
}
