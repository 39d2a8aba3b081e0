using EvoPrune.Data.Formats;
using EvoPrune.Data.Tests.Support;

namespace EvoPrune.Data.Tests.Formats;

public sealed class UciTableReaderTests : IDisposable
{
    private static readonly UciTableSpec _csv = new() { Name = "t", TrainFile = "t.csv", Labels = LabelMapping.Strings(["a", "b"]) };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Read_RaggedRow_ThrowsWithLineAndColumnCounts()
    {
        var path = _temp.WriteText("ragged.csv", "1,2,a\n3,4,b\n5,b\n");

        var e = Assert.Throws<DataFormatException>(() => UciTableReader.Read(path, _csv));

        Assert.Contains("ragged.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 3 columns but found 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Read_UnparsableNumber_ThrowsWithLineAndColumn()
    {
        var path = _temp.WriteText("bad-number.csv", "1,2,a\n3,x4,b\n");

        var e = Assert.Throws<DataFormatException>(() => UciTableReader.Read(path, _csv));

        Assert.Contains("bad-number.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("column 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("'x4' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Read_NonFiniteNumber_Throws(string value)
    {
        var path = _temp.WriteText("nonfinite.csv", $"1,{value},a\n");

        var e = Assert.Throws<DataFormatException>(() => UciTableReader.Read(path, _csv));

        Assert.Contains("finite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownLabel_ThrowsListingAcceptedLabels()
    {
        var path = _temp.WriteText("bad-label.csv", "1,2,a\n3,4,c\n");

        var e = Assert.Throws<DataFormatException>(() => UciTableReader.Read(path, _csv));

        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("label 'c' is out of range: expected one of a, b", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhitespaceHeaderDroppedColumnAndGappedClasses_MapsToContiguousLabels()
    {
        var spec = new UciTableSpec
        {
            Name = "w", TrainFile = "w.dat", Delimiter = null, HeaderLines = 1, DropColumns = [0], ColumnCount = 4,
            Labels = LabelMapping.Integers([1, 2, 3, 5, 7]),
        };
        var path = _temp.WriteText("w.dat", "id x y class\n1  0.5\t1.5 7\n2 -1e-1 2 3.0\n\n");

        var data = UciTableReader.Read(path, spec);

        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal([4, 2], data.Labels);
        Assert.Equal([0.5f, 1.5f, -0.1f, 2f], data.Features);
        Assert.Equal(5, data.ClassCount);
    }

    [Fact]
    public void Read_CountsHeader_UsesHeaderClassNames()
    {
        var spec = new UciTableSpec { Name = "s", TrainFile = "s.csv", CountsHeader = true };
        var path = _temp.WriteText("s.csv", "2,2,low,high\n1,2,0\n3,4,1\n");

        var data = UciTableReader.Read(path, spec);

        Assert.Equal(["low", "high"], data.ClassNames);
        Assert.Equal([0, 1], data.Labels);
    }

    [Fact]
    public void Read_CountsHeaderDisagrees_ThrowsNamingBothCounts()
    {
        var spec = new UciTableSpec { Name = "s", TrainFile = "s.csv", CountsHeader = true };
        var path = _temp.WriteText("short.csv", "3,2,low,high\n1,2,0\n3,4,1\n");

        var e = Assert.Throws<DataFormatException>(() => UciTableReader.Read(path, spec));

        Assert.Contains("short.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("announces 3 samples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        var path = _temp.WriteText("empty.csv", "\n");

        var e = Assert.Throws<DataFormatException>(() => UciTableReader.Read(path, _csv));

        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipTable_IsDecompressedTransparently()
    {
        var path = _temp.WriteText("t.csv.gz", "1,2,a\n3,4,b\n", gzip: true);

        var data = UciTableReader.Read(path, _csv);

        Assert.Equal([0, 1], data.Labels);
    }

    [Fact]
    public void ReadSplits_ConventionalTrainCount_CutsSingleFile()
    {
        var spec = _csv with { ConventionalTrainCount = 2 };
        _temp.WriteText("t.csv", "1,1,a\n2,2,b\n3,3,a\n");

        var (train, test) = UciTableReader.ReadSplits(_temp.Path, spec);

        Assert.Equal(2, train.Count);
        Assert.NotNull(test);
        Assert.Equal(1, test.Count);
        Assert.Equal(3f, test.Features[0]);
    }

    [Fact]
    public void Read_ColumnCountInSpec_RejectsFirstRowToo()
    {
        var spec = _csv with { ColumnCount = 4 };
        var path = _temp.WriteText("narrow.csv", "1,2,a\n");

        var e = Assert.Throws<DataFormatException>(() => UciTableReader.Read(path, spec));

        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 4 columns but found 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsNamingFile()
    {
        var path = _temp.File("absent-table.csv");

        var e = Assert.Throws<DataFormatException>(() => UciTableReader.Read(path, _csv));

        Assert.Contains("absent-table.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }
}
