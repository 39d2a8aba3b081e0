namespace EvoPrune.Data.Formats;

/// <summary>
/// Reads the USPS digits in the text form of Hastie, Tibshirani &amp; Friedman (<c>zip.train.gz</c>,
/// <c>zip.test.gz</c>): one sample per line, <c>label p1 .. p256</c> separated by spaces, the label written as
/// a float (<c>6.0000</c>), pixels a 16x16 row-major image in [-1, 1] with -1 the background. By default pixels
/// are mapped to [0, 1] with <c>(v + 1) / 2</c>, the same range as the IDX sets. Gzip or plain text.
/// </summary>
public static class UspsReader
{
    /// <summary>Pixels per image (16 x 16).</summary>
    public const int PixelCount = 256;

    /// <summary>The image layout: one 16 x 16 plane.</summary>
    public static ImageShape Shape { get; } = ImageShape.Grey(16, 16);

    /// <summary>Class names: the digits "0" to "9".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Reads one USPS file; <paramref name="rescaleToUnit"/> maps pixels from [-1, 1] to [0, 1].</summary>
    public static LabeledData Read(string path, string name = "usps", bool rescaleToUnit = true)
    {
        var features = new List<float>(PixelCount * 8192);
        var labels = new List<int>(8192);
        foreach (var (line, fields) in TextRecords.Read(path, delimiter: null))
        {
            if (fields.Length != PixelCount + 1)
            {
                throw new DataFormatException(path, line, null, $"ragged row: expected {PixelCount + 1} columns (label and {PixelCount} pixels) but found {fields.Length}");
            }

            var label = TextRecords.ParseFloat(fields[0], path, line, 0);
            if (label != MathF.Round(label) || label < 0 || label >= ClassNames.Count)
            {
                throw new DataFormatException(path, line, "column 1", $"label {fields[0]} is out of range 0..{ClassNames.Count - 1}");
            }

            labels.Add((int)label);
            for (var c = 1; c <= PixelCount; c++)
            {
                var v = TextRecords.ParseFloat(fields[c], path, line, c);
                features.Add(rescaleToUnit ? (v + 1f) * 0.5f : v);
            }
        }

        return new LabeledData(name, [.. features], [.. labels], PixelCount, ClassNames, Shape);
    }
}
