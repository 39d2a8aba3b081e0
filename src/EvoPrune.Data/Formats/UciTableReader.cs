using System.Globalization;

namespace EvoPrune.Data.Formats;

/// <summary>
/// Reads delimited numeric tables (the UCI sets) as described by a <see cref="UciTableSpec"/>. Rows must all
/// have the same number of columns; every feature cell must be a finite number (invariant culture); the label
/// must be one the spec's mapping knows. Violations are <see cref="DataFormatException"/>s with the line number
/// and the 1-based column. Blank lines are ignored.
/// </summary>
public static class UciTableReader
{
    /// <summary>Reads one file of the table described by <paramref name="spec"/>.</summary>
    public static LabeledData Read(string path, UciTableSpec spec, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var mapping = spec.Labels;
        var expectedColumns = spec.ColumnCount;
        (int Samples, int Features)? announced = null;
        int[]? featureColumns = null;
        var labelColumn = -1;
        var features = new List<float>();
        var labels = new List<int>();
        var first = true;
        foreach (var (line, fields) in TextRecords.Read(path, spec.Delimiter, spec.HeaderLines))
        {
            if (first && spec.CountsHeader)
            {
                first = false;
                (announced, mapping) = ParseCountsHeader(path, line, fields);
                continue;
            }

            first = false;
            if (mapping is null)
            {
                throw new ArgumentException($"Spec {spec.Name} has no label mapping and no counts header.", nameof(spec));
            }

            expectedColumns ??= fields.Length;
            if (fields.Length != expectedColumns)
            {
                throw new DataFormatException(path, line, null, $"ragged row: expected {expectedColumns} columns but found {fields.Length}");
            }

            if (featureColumns is null)
            {
                (labelColumn, featureColumns) = Layout(spec, fields.Length, path);
            }

            var label = mapping.Map(fields[labelColumn]);
            if (label < 0)
            {
                var text = TextRecords.Shorten(fields[labelColumn]);
                throw new DataFormatException(path, line, $"column {labelColumn + 1}", $"label '{text}' is out of range: expected one of {mapping.Describe()}");
            }

            labels.Add(label);
            foreach (var c in featureColumns)
            {
                features.Add(TextRecords.ParseFloat(fields[c], path, line, c));
            }
        }

        if (mapping is null || featureColumns is null)
        {
            throw new DataFormatException(path, null, null, "the file holds no data rows");
        }

        if (announced is { } a && (a.Samples != labels.Count || a.Features != featureColumns.Length))
        {
            throw new DataFormatException(
                path, 1, "header", $"the header announces {a.Samples} samples of {a.Features} features, but the file has {labels.Count} of {featureColumns.Length}");
        }

        return new LabeledData(name ?? spec.Name, [.. features], [.. labels], featureColumns.Length, mapping.ClassNames, spec.Shape);
    }

    /// <summary>
    /// Reads a table's splits from <paramref name="directory"/>: the train file and the test file if the spec
    /// has one; with <see cref="UciTableSpec.ConventionalTrainCount"/> the single file is cut in two. Test is null
    /// when the set has neither (the caller then holds out a stratified sample).
    /// </summary>
    public static (LabeledData Train, LabeledData? Test) ReadSplits(string directory, UciTableSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var train = Read(Path.Combine(directory, spec.TrainFile), spec, $"{spec.Name}/train");
        if (spec.TestFile is { } testFile)
        {
            return (train, Read(Path.Combine(directory, testFile), spec, $"{spec.Name}/test"));
        }

        if (spec.ConventionalTrainCount is { } cut && cut < train.Count)
        {
            return (train.Take(cut), train.Skip(cut, $"{spec.Name}/test"));
        }

        return (train, null);
    }

    private static ((int, int), LabelMapping) ParseCountsHeader(string path, long line, string[] fields)
    {
        if (fields.Length < 3
            || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var samples)
            || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var featureCount))
        {
            throw new DataFormatException(path, line, "header", "expected a header 'n_samples,n_features,class names...'");
        }

        return ((samples, featureCount), LabelMapping.Range(0, fields.Length - 2, fields[2..]));
    }

    private static (int Label, int[] Features) Layout(UciTableSpec spec, int columns, string path)
    {
        int Resolve(int c) => c < 0 ? columns + c : c;
        var label = Resolve(spec.LabelColumn);
        var dropped = spec.DropColumns.Select(Resolve).Append(label).ToHashSet();
        if (dropped.Any(c => c < 0 || c >= columns))
        {
            throw new DataFormatException(path, null, null, $"spec {spec.Name} names a column outside the {columns} columns of the file");
        }

        var featureColumns = Enumerable.Range(0, columns).Where(c => !dropped.Contains(c)).ToArray();
        return featureColumns.Length == 0
            ? throw new DataFormatException(path, null, null, "no feature columns are left after the label and dropped columns")
            : (label, featureColumns);
    }
}
