namespace EvoPrune.Data.Catalog;

/// <summary>
/// What the catalog knows about one dataset without loading it (the rows of <c>evoprune datasets</c>): whether
/// and where it was found, its files and sizes, and sample counts read from headers or line counts.
/// </summary>
public sealed record DatasetInfo
{
    /// <summary>The canonical catalog name ("mnist", "statlog_vehicle", "manifold", ...).</summary>
    public required string Name { get; init; }

    /// <summary>Images, table or synthetic.</summary>
    public required DatasetKind Kind { get; init; }

    /// <summary>A one-line description.</summary>
    public required string Description { get; init; }

    /// <summary>Whether all its files were found (synthetic sets are always available).</summary>
    public required bool Found { get; init; }

    /// <summary>The folder holding the files, or null when not found or synthetic.</summary>
    public string? Directory { get; init; }

    /// <summary>The files found, with sizes; empty when not found.</summary>
    public IReadOnlyList<DatasetFile> Files { get; init; } = [];

    /// <summary>Training samples (the whole file for sets without a test file), when known.</summary>
    public int? TrainCount { get; init; }

    /// <summary>Test samples of the set's own test split, or null when it has none or it is unknown.</summary>
    public int? TestCount { get; init; }

    /// <summary>Features per sample, when known.</summary>
    public int? FeatureCount { get; init; }

    /// <summary>The image shape (CHW) of every sample, for image sets; null for tables and synthetic sets.</summary>
    public ImageShape? Shape { get; init; }

    /// <summary>Number of classes.</summary>
    public required int ClassCount { get; init; }

    /// <summary>Why it was not found and how to get it, or a remark (e.g. an unreadable file); null if nothing to say.</summary>
    public string? Note { get; init; }

    /// <summary>Total bytes of <see cref="Files"/>.</summary>
    public long TotalBytes => Files.Sum(f => f.Bytes);
}
