using System.Buffers.Binary;
using System.Globalization;

namespace EvoPrune.Data.Formats;

/// <summary>
/// Reads IDX files (MNIST, Fashion-MNIST, KMNIST), gzip-compressed or raw; compression is detected from the
/// gzip magic bytes, not the file name. Images (magic 0x00000803: N x H x W unsigned bytes) become floats
/// in [0, 1] (byte / 255); labels (magic 0x00000801: N unsigned bytes) become ints. Every defect (wrong magic,
/// truncation, count mismatch, out-of-range label) is a <see cref="DataFormatException"/> naming the file.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned-byte images (3 dimensions).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels (1 dimension).</summary>
    public const int LabelsMagic = 0x00000801;

    private static readonly float[] _byteToUnit = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();

    /// <summary>
    /// Reads only the header (cheap even for gzip: a few bytes are inflated). With <paramref name="expectedMagic"/>
    /// (<see cref="ImagesMagic"/> or <see cref="LabelsMagic"/>) any other magic number is an error.
    /// </summary>
    public static IdxHeader ReadHeader(string path, int? expectedMagic = null)
    {
        using var stream = DataFile.Open(path);
        return ReadHeader(stream, path, expectedMagic);
    }

    /// <summary>
    /// Reads the header and checks that the file holds all the data it announces (a gzip file is inflated without
    /// keeping it); throws <see cref="DataFormatException"/> naming the file for a truncated or overlong one.
    /// </summary>
    public static IdxHeader ReadCheckedHeader(string path, int? expectedMagic = null)
    {
        using var stream = DataFile.Open(path);
        var header = ReadHeader(stream, path, expectedMagic);
        var buffer = new byte[1 << 16];
        long body = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            body += read;
        }

        return body == header.DataBytes
            ? header
            : throw new DataFormatException(string.Create(CultureInfo.InvariantCulture, $"{path}: the header announces {header.Count} items ({header.DataBytes} bytes of data) but the file holds {body} bytes: it is {(body < header.DataBytes ? "truncated" : "longer than announced")}."));
    }

    /// <summary>Reads an image file: pixels row-major N x (H*W) in [0, 1], the count and the shape (1 x H x W).</summary>
    public static (float[] Pixels, int Count, ImageShape Shape) ReadImages(string path)
    {
        using var stream = DataFile.Open(path);
        var header = ReadHeader(stream, path, ImagesMagic);
        var raw = ReadBody(stream, path, header, "images");
        var pixels = new float[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            pixels[i] = _byteToUnit[raw[i]];
        }

        return (pixels, header.Count, ImageShape.Grey(header.Dimensions[1], header.Dimensions[2]));
    }

    /// <summary>Reads a label file; every label must be below <paramref name="classCount"/>.</summary>
    public static int[] ReadLabels(string path, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        using var stream = DataFile.Open(path);
        var header = ReadHeader(stream, path, LabelsMagic);
        var raw = ReadBody(stream, path, header, "labels");
        var labels = new int[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] >= classCount)
            {
                throw new DataFormatException(path, null, $"item {i}", $"label {raw[i]} is out of range 0..{classCount - 1}");
            }

            labels[i] = raw[i];
        }

        return labels;
    }

    /// <summary>Reads an image file and its label file into one set; the counts must agree.</summary>
    public static LabeledData Read(string imagesPath, string labelsPath, string name, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var (pixels, count, shape) = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath, classNames.Count);
        if (labels.Length != count)
        {
            throw new DataFormatException(labelsPath, null, "item count", $"image/label count mismatch: {labels.Length} labels, but {Path.GetFileName(imagesPath)} has {count} images");
        }

        return new LabeledData(name, pixels, labels, shape.Size, classNames, shape);
    }

    private static IdxHeader ReadHeader(Stream stream, string path, int? expectedMagic)
    {
        Span<byte> word = stackalloc byte[4];
        if (DataFile.ReadFully(stream, word, path) < 4)
        {
            throw new DataFormatException(path, null, "magic number", "truncated file: fewer than 4 bytes, no IDX header");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(word);
        if (word[0] != 0 || word[1] != 0 || word[2] != 0x08 || (expectedMagic is { } e && magic != e))
        {
            var expected = expectedMagic is { } x ? $"0x{x:X8}, {Describe(x)}" : "0x000008NN, IDX unsigned bytes";
            throw new DataFormatException(path, null, "magic number", $"wrong magic number 0x{magic:X8} (expected {expected}){Hint(magic, expectedMagic)}");
        }

        var dims = new int[word[3]];
        for (var i = 0; i < dims.Length; i++)
        {
            if (DataFile.ReadFully(stream, word, path) < 4)
            {
                throw new DataFormatException(path, null, $"dimension {i}", $"truncated file: the header ends before dimension {i + 1} of {dims.Length}");
            }

            var size = BinaryPrimitives.ReadUInt32BigEndian(word);
            if (size > int.MaxValue)
            {
                throw new DataFormatException(path, null, $"dimension {i}", $"dimension size {size} is too large");
            }

            dims[i] = (int)size;
        }

        return new IdxHeader(magic, dims);
    }

    private static byte[] ReadBody(Stream stream, string path, IdxHeader header, string what)
    {
        var expected = header.DataBytes;
        if (expected > Array.MaxLength)
        {
            throw new DataFormatException(path, null, "header", $"the header announces {expected} bytes of {what}, more than one array can hold");
        }

        if (stream is FileStream file && file.Length - header.HeaderBytes < expected)
        {
            throw Truncated(path, header, what, file.Length - header.HeaderBytes);
        }

        var body = new byte[expected];
        var read = DataFile.ReadFully(stream, body, path);
        return read < expected ? throw Truncated(path, header, what, read) : body;
    }

    private static DataFormatException Truncated(string path, IdxHeader header, string what, long actual) =>
        new(path, null, null, $"truncated file: the header announces {header.Count} {what} of {string.Join('x', header.Dimensions.Skip(1).DefaultIfEmpty(1))} "
            + $"({header.DataBytes} bytes) but only {Math.Max(0, actual)} bytes follow");

    private static string Describe(int magic) => magic switch
    {
        ImagesMagic => "IDX unsigned-byte images",
        LabelsMagic => "IDX unsigned-byte labels",
        _ => "IDX",
    };

    private static string Hint(int magic, int? expected) =>
        magic == LabelsMagic && expected == ImagesMagic ? "; this is a label file: were images and labels swapped?"
        : magic == ImagesMagic && expected == LabelsMagic ? "; this is an image file: were images and labels swapped?"
        : string.Empty;
}
