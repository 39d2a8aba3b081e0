using EvoPrune.Data.Catalog;
using EvoPrune.Data.Formats;
using EvoPrune.Data.Tests.Support;

namespace EvoPrune.Data.Tests.RealData;

public sealed class ImageSetsTests
{
    [SkippableFact]
    public void UspsRead_SharedFiles_HaveManifestCountsAndHistogram()
    {
        var folder = TestData.Folder("usps");

        var train = UspsReader.Read(Path.Combine(folder, "zip.train.gz"));
        var test = UspsReader.Read(Path.Combine(folder, "zip.test.gz"));

        Assert.Equal(7291, train.Count);
        Assert.Equal(2007, test.Count);
        Assert.Equal(256, train.FeatureCount);
        Assert.Equal(6, train.Labels[0]);
        Assert.Equal([1194, 1005, 731, 658, 652, 556, 664, 645, 542, 644], train.ClassCounts());
        Assert.Equal([359, 264, 198, 166, 200, 160, 170, 147, 166, 177], test.ClassCounts());
        Assert.InRange(train.Features.Min(), 0f, 0f);
        Assert.InRange(train.Features.Max(), 1f, 1f);
    }

    [Fact]
    public void Load_UspsShippedWithRepository_IsFoundByWalkingUp()
    {
        var catalog = new DatasetCatalog(new DatasetCatalogOptions { UseEnvironment = false, UseSystemDirectory = false });

        var directory = catalog.Locate("usps");

        Assert.NotNull(directory);
        Assert.EndsWith(Path.Combine("configs", "data", "usps"), directory, StringComparison.Ordinal);
        var splits = catalog.Load("usps", new DatasetLoadOptions { ValidationFraction = 0.1, Seed = 1 });
        Assert.Equal(7291, splits.Train.Count + splits.Validation.Count);
        Assert.Equal(729, splits.Validation.Count);
        Assert.Equal(2007, splits.Test.Count);
        Assert.Equal(new ImageShape(1, 16, 16), splits.Train.Shape);
    }

    [SkippableFact]
    public void Load_FashionMnistFromDebianPackage_HasBalancedClasses()
    {
        var catalog = TestData.Catalog();
        TestData.RequireAvailable(catalog.Locate("fashion-mnist") is not null, "Fashion-MNIST not installed (apt-get install -y dataset-fashion-mnist)");

        var splits = catalog.Load("fashion_mnist", new DatasetLoadOptions { ValidationFraction = 0 });

        Assert.Equal(60000, splits.Train.Count);
        Assert.Equal(10000, splits.Test.Count);
        Assert.All(splits.Train.ClassCounts(), c => Assert.Equal(6000, c));
        Assert.All(splits.Test.ClassCounts(), c => Assert.Equal(1000, c));
        Assert.Equal("Ankle boot", splits.Train.ClassNames[9]);
    }
}
