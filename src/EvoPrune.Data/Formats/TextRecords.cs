using System.Globalization;

namespace EvoPrune.Data.Formats;

/// <summary>Line-by-line reading of delimited text tables with located errors.</summary>
internal static class TextRecords
{
    /// <summary>
    /// Yields (1-based line number, fields) for each non-blank line after the first <paramref name="skipLines"/>
    /// lines. A null <paramref name="delimiter"/> splits on runs of whitespace; a delimiter splits exactly and
    /// trims each field.
    /// </summary>
    public static IEnumerable<(long Line, string[] Fields)> Read(string path, char? delimiter, int skipLines = 0)
    {
        using var reader = DataFile.OpenText(path);
        long lineNumber = 0;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(path, lineNumber + 1, null, $"corrupt gzip data ({e.Message})", e);
            }

            if (line is null)
            {
                yield break;
            }

            lineNumber++;
            if (lineNumber <= skipLines || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return (lineNumber, Split(line, delimiter));
        }
    }

    /// <summary>Splits one line into trimmed fields.</summary>
    public static string[] Split(string line, char? delimiter) =>
        delimiter is { } d
            ? line.Split(d, StringSplitOptions.TrimEntries)
            : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Parses a finite float (invariant culture) or throws naming the file, line and 1-based column.</summary>
    public static float ParseFloat(string text, string path, long line, int column)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new DataFormatException(path, line, $"column {column + 1}", $"'{Shorten(text)}' is not a number");
        }

        if (!float.IsFinite(value))
        {
            throw new DataFormatException(path, line, $"column {column + 1}", $"'{Shorten(text)}' is not a finite number");
        }

        return value;
    }

    /// <summary>Cuts long field text for messages.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
