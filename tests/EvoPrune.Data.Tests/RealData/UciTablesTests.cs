using EvoPrune.Data.Catalog;
using EvoPrune.Data.Formats;
using EvoPrune.Data.Tests.Support;

namespace EvoPrune.Data.Tests.RealData;

public sealed class UciTablesTests
{
    /// <summary>name, train rows, test rows (0 = no test split), features, classes: from MANIFEST.md.</summary>
    public static TheoryData<string, int, int, int, int> Tables => new()
    {
        { "iris", 150, 0, 4, 3 },
        { "wine", 178, 0, 13, 3 },
        { "breast_cancer_wdbc", 569, 0, 30, 2 },
        { "optdigits", 3823, 1797, 64, 10 },
        { "ionosphere", 351, 0, 34, 2 },
        { "sonar", 208, 0, 60, 2 },
        { "pima_diabetes", 768, 0, 8, 2 },
        { "glass", 214, 0, 9, 6 },
        { "statlog_heart", 270, 0, 13, 2 },
        { "statlog_vehicle", 846, 0, 18, 4 },
        { "statlog_segment", 2310, 0, 19, 7 },
        { "letter", 16000, 4000, 16, 26 },
        { "satimage", 4435, 2000, 36, 6 },
        { "vowel", 528, 462, 10, 11 },
    };

    [SkippableTheory]
    [MemberData(nameof(Tables))]
    public void ReadSplits_EveryTable_HasManifestCounts(string name, int trainRows, int testRows, int features, int classes)
    {
        var folder = TestData.Folder(name);
        var spec = UciTableSpecs.Find(name)!;

        var (train, test) = UciTableReader.ReadSplits(folder, spec);

        Assert.Equal(trainRows, train.Count);
        Assert.Equal(testRows, test?.Count ?? 0);
        Assert.Equal(features, train.FeatureCount);
        Assert.Equal(classes, train.ClassCount);
        Assert.All(train.ClassCounts(), c => Assert.True(c > 0));
        Assert.All(train.Features, v => Assert.True(float.IsFinite(v)));
    }

    [SkippableTheory]
    [MemberData(nameof(Tables))]
    public void Describe_EveryTable_CountsRowsWithoutLoading(string name, int trainRows, int testRows, int features, int classes)
    {
        TestData.Folder(name);

        var info = TestData.Catalog().Describe(name);

        Assert.True(info.Found, info.Note);
        Assert.Equal(trainRows, info.TrainCount);
        Assert.Equal(testRows == 0 ? null : testRows, info.TestCount);
        Assert.Equal(features, info.FeatureCount);
        Assert.Equal(classes, info.ClassCount);
        Assert.True(info.TotalBytes > 0);
    }

    [SkippableFact]
    public void Read_Histograms_MatchManifestForQuirkyLabels()
    {
        var glass = UciTableReader.Read(Path.Combine(TestData.Folder("glass"), "glass.data"), UciTableSpecs.Glass);
        var satimage = UciTableReader.Read(Path.Combine(TestData.Folder("satimage"), "sat.trn"), UciTableSpecs.Satimage);
        var vehicle = UciTableReader.Read(Path.Combine(TestData.Folder("statlog_vehicle"), "vehicle.dat"), UciTableSpecs.StatlogVehicle);
        var wdbc = UciTableReader.Read(Path.Combine(TestData.Folder("breast_cancer_wdbc"), "breast_cancer.csv"), UciTableSpecs.BreastCancerWdbc);
        var sonar = UciTableReader.Read(Path.Combine(TestData.Folder("sonar"), "sonar.csv"), UciTableSpecs.Sonar);

        Assert.Equal([70, 76, 17, 13, 9, 29], glass.ClassCounts());
        Assert.Equal([1072, 479, 961, 415, 470, 1038], satimage.ClassCounts());
        Assert.Equal([218, 212, 217, 199], vehicle.ClassCounts());
        Assert.Equal([212, 357], wdbc.ClassCounts());
        Assert.Equal(["malignant", "benign"], wdbc.ClassNames);
        Assert.Equal([111, 97], sonar.ClassCounts());
        Assert.Equal(1.52101f, glass.Features[0]);
    }

    [SkippableFact]
    public void Load_TableWithoutTestFile_HoldsOutStratifiedTest()
    {
        TestData.Folder("glass");
        var options = new DatasetLoadOptions { Seed = 11, TestFraction = 0.2, ValidationFraction = 0.25 };

        var splits = TestData.Catalog().Load("glass", options);

        Assert.Equal(43, splits.Test.Count);
        Assert.Equal(214 - 43, splits.Train.Count + splits.Validation.Count);
        Assert.Equal(43, splits.Validation.Count);
        Assert.Equal([70, 76, 17, 13, 9, 29], splits.Train.ClassCounts().Zip(splits.Validation.ClassCounts(), splits.Test.ClassCounts()).Select(t => t.First + t.Second + t.Third));
    }

    [SkippableFact]
    public void Load_TableWithTestFile_KeepsItsTestFile()
    {
        TestData.Folder("vowel");

        var splits = TestData.Catalog().Load("vowel", new DatasetLoadOptions { ValidationFraction = 0 });

        Assert.Equal(528, splits.Train.Count);
        Assert.Equal(0, splits.Validation.Count);
        Assert.Equal(462, splits.Test.Count);
        Assert.All(splits.Test.ClassCounts(), c => Assert.Equal(42, c));
    }
}
