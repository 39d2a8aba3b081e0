using EvoPrune.Data.Catalog;
using EvoPrune.Data.Tests.Support;

namespace EvoPrune.Data.Tests.Catalog;

public sealed class DatasetCatalogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private DatasetCatalog Isolated(params string[] directories) => new(new DatasetCatalogOptions
    {
        DataDirectories = directories.Length == 0 ? [_temp.Path] : directories,
        UseEnvironment = false,
        SearchRepository = false,
        UseSystemDirectory = false,
    });

    [Fact]
    public void Names_ListEveryDataset()
    {
        string[] expected =
        [
            "mnist", "fashion-mnist", "kmnist", "usps", "iris", "wine", "breast_cancer_wdbc", "optdigits", "ionosphere", "sonar",
            "pima_diabetes", "glass", "statlog_heart", "statlog_vehicle", "statlog_segment", "letter", "satimage", "vowel", "manifold",
        ];

        Assert.Equal(expected, DatasetCatalog.Names);
    }

    [Fact]
    public void List_EmptyDirectory_ReportsEveryDatasetMissingExceptManifold()
    {
        var list = Isolated().List();

        Assert.Equal(DatasetCatalog.Names, list.Select(i => i.Name));
        Assert.All(list.Where(i => i.Name != "manifold"), i => Assert.False(i.Found));
        Assert.True(list.Single(i => i.Name == "manifold").Found);
        Assert.Contains("apt-get install -y dataset-fashion-mnist", list.Single(i => i.Name == "fashion-mnist").Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingDataset_ThrowsListingDirectoriesAndFix()
    {
        var catalog = Isolated();

        var e = Assert.Throws<DatasetNotFoundException>(() => catalog.Load("mnist"));

        Assert.Equal("mnist", e.DatasetName);
        Assert.Equal([_temp.Path], e.SearchedDirectories);
        Assert.Contains(_temp.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("EVOPRUNE_DATA", e.Message, StringComparison.Ordinal);
        Assert.Contains("--data-dir", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFashionMnist_SuggestsDebianPackage()
    {
        var e = Assert.Throws<DatasetNotFoundException>(() => Isolated().Load("fashion-mnist"));

        Assert.Contains("apt-get install -y dataset-fashion-mnist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownName_ThrowsListingKnownNames()
    {
        var e = Assert.Throws<DatasetNotFoundException>(() => Isolated().Load("cifar-10"));

        Assert.Contains("Unknown dataset 'cifar-10'", e.Message, StringComparison.Ordinal);
        Assert.Contains("statlog_vehicle", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IncompleteFolder_SaysWhichFileIsMissing()
    {
        _temp.WriteBytes("kmnist/train-images-idx3-ubyte.gz", Idx.Images(2, 2, 2), gzip: true);

        var e = Assert.Throws<DatasetNotFoundException>(() => Isolated().Load("kmnist"));

        Assert.Contains("incomplete", e.Message, StringComparison.Ordinal);
        Assert.Contains("train-labels-idx1-ubyte.gz", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kmnist", "kmnist")]
    [InlineData("KMNIST", "kmnist")]
    [InlineData("fashion_mnist", "fashion-mnist")]
    [InlineData("FashionMNIST/raw", "fashion-mnist")]
    public void Load_IdxFolderUnderAlternativeName_IsFound(string folder, string name)
    {
        _temp.WriteBytes($"{folder}/train-images-idx3-ubyte.gz", Idx.Images(20, 2, 2), gzip: true);
        _temp.WriteBytes($"{folder}/train-labels-idx1-ubyte.gz", Idx.Labels([.. Enumerable.Range(0, 20).Select(i => (byte)(i % 10))]), gzip: true);
        _temp.WriteBytes($"{folder}/t10k-images-idx3-ubyte", Idx.Images(10, 2, 2));
        _temp.WriteBytes($"{folder}/t10k-labels-idx1-ubyte", Idx.Labels([.. Enumerable.Range(0, 10).Select(i => (byte)i)]));

        var info = Isolated().Describe(name);
        var splits = Isolated().Load(name, new DatasetLoadOptions { ValidationFraction = 0.5 });

        Assert.True(info.Found);
        Assert.Equal(20, info.TrainCount);
        Assert.Equal(10, info.TestCount);
        Assert.Equal(4, info.Files.Count);
        Assert.Equal(10, splits.Train.Count);
        Assert.Equal(10, splits.Validation.Count);
        Assert.Equal(10, splits.Test.Count);
    }

    [Fact]
    public void Locate_ExplicitDirectoryBeforeLaterOnes_FirstWins()
    {
        using var second = new TempDirectory();
        _temp.WriteText("iris/iris.csv", "2,1,a,b\n1,0\n2,1\n");
        second.WriteText("iris/iris.csv", "2,1,a,b\n1,0\n2,1\n");

        Assert.Equal(Path.Combine(_temp.Path, "iris"), Isolated(_temp.Path, second.Path).Locate("iris"));
        Assert.Equal(Path.Combine(second.Path, "iris"), Isolated(second.Path, _temp.Path).Locate("iris"));
    }

    [Fact]
    public void SearchDirectories_EnvironmentValue_IsSplitOnPathSeparatorAfterExplicit()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var catalog = new DatasetCatalog(new DatasetCatalogOptions
        {
            DataDirectories = [_temp.Path],
            EnvironmentValue = $"{a.Path}{Path.PathSeparator}{b.Path}{Path.PathSeparator}",
            SearchRepository = false,
        });

        Assert.Equal([_temp.Path, a.Path, b.Path, "/usr/share/datasets"], catalog.SearchDirectories.Select(d => d.Path));
        Assert.Equal(["--data-dir", "EVOPRUNE_DATA", "EVOPRUNE_DATA", "system"], catalog.SearchDirectories.Select(d => d.Origin));
    }

    [Fact]
    public void SearchDirectories_RepositoryWalk_FindsConfigsDataFromNestedDirectory()
    {
        var nested = Directory.CreateDirectory(_temp.File(Path.Combine("repo", "src", "deep"))).FullName;
        Directory.CreateDirectory(_temp.File(Path.Combine("repo", "configs", "data")));

        var catalog = new DatasetCatalog(new DatasetCatalogOptions { StartDirectory = nested, UseEnvironment = false, UseSystemDirectory = false });

        Assert.Equal(_temp.File(Path.Combine("repo", "configs", "data")), catalog.SearchDirectories[0].Path);
    }

    [Fact]
    public void Describe_CorruptFile_ReportsUnreadableInsteadOfThrowing()
    {
        _temp.WriteBytes("mnist/train-images-idx3-ubyte.gz", Idx.Labels(1), gzip: true);
        _temp.WriteBytes("mnist/train-labels-idx1-ubyte.gz", Idx.Labels(1), gzip: true);
        _temp.WriteBytes("mnist/t10k-images-idx3-ubyte.gz", Idx.Images(1, 2, 2), gzip: true);
        _temp.WriteBytes("mnist/t10k-labels-idx1-ubyte.gz", Idx.Labels(1), gzip: true);

        var info = Isolated().Describe("mnist");

        Assert.True(info.Found);
        Assert.Contains("wrong magic", info.Note, StringComparison.Ordinal);
        Assert.Throws<DataFormatException>(() => Isolated().Load("mnist"));
    }

    [SkippableFact]
    public void List_SharedData_FindsEverySharedDataset()
    {
        TestData.Folder("mnist");

        var list = TestData.Catalog().List();

        var expectedFound = DatasetCatalog.Names.Except(["fashion-mnist", "kmnist"]);
        Assert.All(list.Where(i => expectedFound.Contains(i.Name)), i => Assert.True(i.Found, $"{i.Name}: {i.Note}"));
        var mnist = list.Single(i => i.Name == "mnist");
        Assert.Equal(60000, mnist.TrainCount);
        Assert.Equal(10000, mnist.TestCount);
        Assert.Equal(11594722, mnist.TotalBytes);
        Assert.False(list.Single(i => i.Name == "kmnist").Found);
    }

    [Theory]
    [InlineData(1.0, 0.2)]
    [InlineData(-0.1, 0.2)]
    [InlineData(0.1, 0.0)]
    public void Load_BadFractions_ThrowArgumentException(double validation, double test)
    {
        var options = new DatasetLoadOptions { ValidationFraction = validation, TestFraction = test };

        Assert.Throws<ArgumentException>(() => Isolated().Load("manifold", options));
    }

    [Fact]
    public void Describe_AliasesAndCase_ResolveToCanonicalName()
    {
        var catalog = Isolated();

        Assert.Equal("breast_cancer_wdbc", catalog.Describe("WDBC").Name);
        Assert.Equal("statlog_vehicle", catalog.Describe("statlog-vehicle").Name);
        Assert.Equal("fashion-mnist", catalog.Describe("Fashion_MNIST").Name);
        Assert.True(DatasetCatalog.IsKnown("manifold:d=2"));
        Assert.False(DatasetCatalog.IsKnown("cifar10"));
    }
}
