namespace EvoPrune.Data.Catalog;

/// <summary>
/// Where a <see cref="DatasetCatalog"/> looks for data, in this order: <see cref="DataDirectories"/>, the
/// directories in <c>EVOPRUNE_DATA</c> (separated by <see cref="Path.PathSeparator"/>, ':' on Linux), the
/// nearest <c>configs/data</c> (then <c>shared/data</c>) above the current directory and above the
/// application's base directory, and <c>/usr/share/datasets</c>. Each source can be switched off (tests do).
/// </summary>
public sealed record DatasetCatalogOptions
{
    /// <summary>The name of the environment variable that lists data directories.</summary>
    public const string EnvironmentVariable = "EVOPRUNE_DATA";

    /// <summary>Debian's standard place for dataset packages (e.g. dataset-fashion-mnist).</summary>
    public const string SystemDirectory = "/usr/share/datasets";

    /// <summary>Explicit directories (e.g. from --data-dir), searched first.</summary>
    public IReadOnlyList<string> DataDirectories { get; init; } = [];

    /// <summary>Whether to read <see cref="EnvironmentVariable"/>.</summary>
    public bool UseEnvironment { get; init; } = true;

    /// <summary>Replaces the value of <see cref="EnvironmentVariable"/> when set (for tests and embedding).</summary>
    public string? EnvironmentValue { get; init; }

    /// <summary>Whether to walk up from the current and base directories looking for configs/data and shared/data.</summary>
    public bool SearchRepository { get; init; } = true;

    /// <summary>The directory to start the upward walk from instead of the current directory.</summary>
    public string? StartDirectory { get; init; }

    /// <summary>Whether to search <see cref="SystemDirectory"/> last.</summary>
    public bool UseSystemDirectory { get; init; } = true;
}
