using System.Globalization;
using EvoPrune.Data.Formats;
using EvoPrune.Data.Tests.Support;

namespace EvoPrune.Data.Tests.Formats;

public sealed class UspsReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Line(string label, float pixel, int pixels = 256) =>
        label + string.Concat(Enumerable.Repeat(" " + pixel.ToString("F4", CultureInfo.InvariantCulture), pixels)) + " \n";

    [Fact]
    public void Read_GzipFile_ParsesFloatLabelsAndRescalesPixels()
    {
        var path = _temp.WriteText("zip.train.gz", Line("6.0000", -1f) + Line("1.0000", 0.5f), gzip: true);

        var data = UspsReader.Read(path);

        Assert.Equal([6, 1], data.Labels);
        Assert.Equal(256, data.FeatureCount);
        Assert.Equal(new ImageShape(1, 16, 16), data.Shape);
        Assert.Equal(0f, data.Features[0]);
        Assert.Equal(0.75f, data.Features[256]);
    }

    [Fact]
    public void Read_NoRescale_KeepsMinusOneToOne()
    {
        var path = _temp.WriteText("zip.test", Line("3.0000", -1f));

        var data = UspsReader.Read(path, rescaleToUnit: false);

        Assert.Equal(-1f, data.Features[0]);
    }

    [Fact]
    public void Read_RaggedLine_ThrowsWithLineNumber()
    {
        var path = _temp.WriteText("zip.ragged", Line("3.0000", 0f) + Line("4.0000", 0f, 255));

        var e = Assert.Throws<DataFormatException>(() => UspsReader.Read(path));

        Assert.Contains("zip.ragged", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 257 columns", e.Message, StringComparison.Ordinal);
        Assert.Contains("found 256", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0000")]
    [InlineData("2.5000")]
    [InlineData("-1")]
    public void Read_LabelOutOfRange_Throws(string label)
    {
        var path = _temp.WriteText("zip.badlabel", Line(label, 0f));

        var e = Assert.Throws<DataFormatException>(() => UspsReader.Read(path));

        Assert.Contains("out of range 0..9", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }
}
