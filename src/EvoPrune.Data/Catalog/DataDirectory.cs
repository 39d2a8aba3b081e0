namespace EvoPrune.Data.Catalog;

/// <summary>One directory the catalog searches for dataset folders, and why it is on the search path.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Origin">Where it came from: "--data-dir", "EVOPRUNE_DATA", "configs/data above ...", "system".</param>
/// <param name="Exists">Whether the directory existed when the search path was built.</param>
public sealed record DataDirectory(string Path, string Origin, bool Exists)
{
    /// <inheritdoc />
    public override string ToString() => Exists ? $"{Path}  ({Origin})" : $"{Path}  ({Origin}; does not exist)";
}
