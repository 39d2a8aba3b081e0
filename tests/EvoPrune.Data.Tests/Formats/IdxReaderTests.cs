using EvoPrune.Data.Formats;
using EvoPrune.Data.Tests.Support;

namespace EvoPrune.Data.Tests.Formats;

public sealed class IdxReaderTests : IDisposable
{
    private static readonly string[] _digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_ValidFiles_ScalesPixelsAndKeepsLabels(bool gzip)
    {
        var images = _temp.WriteBytes("img", Idx.Images(3, 2, 2, i => (byte)(i * 20)), gzip);
        var labels = _temp.WriteBytes("lbl", Idx.Labels(7, 0, 9), gzip);

        var data = IdxReader.Read(images, labels, "tiny", _digits);

        Assert.Equal(3, data.Count);
        Assert.Equal(4, data.FeatureCount);
        Assert.Equal(new ImageShape(1, 2, 2), data.Shape);
        Assert.Equal([7, 0, 9], data.Labels);
        Assert.Equal(20 / 255f, data.Features[1]);
        Assert.Equal(220 / 255f, data.Features[11]);
    }

    [Fact]
    public void ReadHeader_GzipFile_ReturnsCountAndDimensions()
    {
        var images = _temp.WriteBytes("img.gz", Idx.Images(5, 3, 4), gzip: true);

        var header = IdxReader.ReadHeader(images);

        Assert.Equal(IdxReader.ImagesMagic, header.Magic);
        Assert.Equal([5, 3, 4], header.Dimensions);
        Assert.Equal(5, header.Count);
    }

    [Fact]
    public void ReadImages_WrongMagic_ThrowsNamingFileAndMagic()
    {
        var path = _temp.WriteBytes("bad-magic-idx3", Idx.Images(2, 2, 2, magic: 0x00000903));

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("bad-magic-idx3", e.Message, StringComparison.Ordinal);
        Assert.Contains("wrong magic number 0x00000903", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.File);
        Assert.Equal("magic number", e.Field);
    }

    [Fact]
    public void ReadImages_LabelFileGiven_HintsAtSwappedFiles()
    {
        var path = _temp.WriteBytes("labels-not-images", Idx.Labels(1, 2, 3));

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("swapped", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_TruncatedBody_ThrowsWithAnnouncedAndActualSize(bool gzip)
    {
        var full = Idx.Images(10, 4, 4);
        var path = _temp.WriteBytes("truncated-images", full[..(16 + 50)], gzip);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("truncated-images", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains("160 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("only 50 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadCheckedHeader_TruncatedBody_ThrowsWhereReadHeaderDoesNot(bool gzip)
    {
        var full = Idx.Images(10, 4, 4);
        var path = _temp.WriteBytes("short-images", full[..(16 + 50)], gzip);

        Assert.Equal(10, IdxReader.ReadHeader(path).Count);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadCheckedHeader(path));

        Assert.Contains("short-images", e.Message, StringComparison.Ordinal);
        Assert.Contains("160 bytes of data", e.Message, StringComparison.Ordinal);
        Assert.Contains("holds 50 bytes: it is truncated", e.Message, StringComparison.Ordinal);
        Assert.Equal(10, IdxReader.ReadCheckedHeader(_temp.WriteBytes("whole-images", full, gzip)).Count);
    }

    [Fact]
    public void ReadImages_TruncatedGzipStream_ThrowsDataFormatException()
    {
        var gz = _temp.WriteBytes("whole.gz", Idx.Images(50, 8, 8, i => (byte)(i * 7919 % 251)), gzip: true);
        var bytes = File.ReadAllBytes(gz);
        var path = _temp.WriteBytes("cut-stream.gz", bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("cut-stream.gz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_HeaderOnlyPartly_ThrowsTruncated()
    {
        var path = _temp.WriteBytes("short-header", Idx.Images(1, 1, 1)[..10]);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_LabelOutOfRange_ThrowsNamingItemAndRange()
    {
        var path = _temp.WriteBytes("labels-out-of-range", Idx.Labels(1, 2, 12, 3));

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Contains("labels-out-of-range", e.Message, StringComparison.Ordinal);
        Assert.Contains("label 12 is out of range 0..9", e.Message, StringComparison.Ordinal);
        Assert.Equal("item 2", e.Field);
    }

    [Fact]
    public void Read_CountMismatch_ThrowsNamingBothCounts()
    {
        var images = _temp.WriteBytes("img", Idx.Images(3, 2, 2));
        var labels = _temp.WriteBytes("lbl-mismatch", Idx.Labels(1, 2));

        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(images, labels, "x", _digits));

        Assert.Contains("lbl-mismatch", e.Message, StringComparison.Ordinal);
        Assert.Contains("count mismatch", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 labels", e.Message, StringComparison.Ordinal);
        Assert.Contains("3 images", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_MissingFile_ThrowsNamingFile()
    {
        var path = _temp.File("no-such-file-idx3-ubyte.gz");

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));

        Assert.Contains("no-such-file-idx3-ubyte.gz", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }
}
