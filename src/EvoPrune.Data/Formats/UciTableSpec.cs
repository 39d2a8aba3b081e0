namespace EvoPrune.Data.Formats;

/// <summary>
/// How to read one delimited table: file names (relative to the dataset folder), the delimiter (null for
/// runs of whitespace), header lines to skip, columns to drop, where the label is and how its text maps to a
/// class. <see cref="UciTableSpecs"/> holds the specs of the bundled UCI sets; callers may build their own.
/// Column indices are 0-based; a negative <see cref="LabelColumn"/> counts from the end (-1 = last).
/// </summary>
public sealed record UciTableSpec
{
    /// <summary>Catalog name, e.g. "statlog_vehicle".</summary>
    public required string Name { get; init; }

    /// <summary>The training (or only) file, relative to the dataset folder.</summary>
    public required string TrainFile { get; init; }

    /// <summary>The dataset's own test file, or null when it has none (a seeded hold-out is used then).</summary>
    public string? TestFile { get; init; }

    /// <summary>The field separator; null splits on runs of spaces and tabs.</summary>
    public char? Delimiter { get; init; } = ',';

    /// <summary>Lines at the top of each file to skip (column-name headers).</summary>
    public int HeaderLines { get; init; }

    /// <summary>
    /// True for scikit-learn's layout: line 1 is <c>n_samples,n_features,class names...</c>; the counts are
    /// checked, the names become <see cref="LabeledData.ClassNames"/> and labels are 0..K-1.
    /// </summary>
    public bool CountsHeader { get; init; }

    /// <summary>The label's column; negative counts from the end (-1 = last column).</summary>
    public int LabelColumn { get; init; } = -1;

    /// <summary>Columns that are neither label nor feature (row ids), 0-based; negative counts from the end.</summary>
    public IReadOnlyList<int> DropColumns { get; init; } = [];

    /// <summary>Columns every row must have, or null to take the first row's count.</summary>
    public int? ColumnCount { get; init; }

    /// <summary>Label text to class index. With <see cref="CountsHeader"/> the header's class names replace it.</summary>
    public LabelMapping? Labels { get; init; }

    /// <summary>Image layout for tables that are small images (optdigits: 1x8x8), else null.</summary>
    public ImageShape? Shape { get; init; }

    /// <summary>
    /// For single-file sets with a conventional fixed split: the first this-many rows are the training split
    /// and the rest the test split (letter: 16,000 / 4,000). Null for a seeded stratified hold-out.
    /// </summary>
    public int? ConventionalTrainCount { get; init; }

    /// <summary>Number of classes (from the mapping, or from the counts header when there is none).</summary>
    public int? ClassCount => Labels?.ClassCount;

    /// <summary>Features per row, when <see cref="ColumnCount"/> is known.</summary>
    public int? FeatureCount => ColumnCount is { } c ? c - 1 - DropColumns.Count : null;

    /// <summary>A one-line description for listings.</summary>
    public string Description { get; init; } = string.Empty;
}
