namespace EvoPrune.Data.Catalog;

/// <summary>One file-backed catalog entry: names, accepted folders and files, and how to read it.</summary>
internal abstract class DatasetEntry
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public required DatasetKind Kind { get; init; }

    public required string Description { get; init; }

    /// <summary>Folder names (relative to a data directory) that may hold the files, in order of preference.</summary>
    public required IReadOnlyList<string> FolderNames { get; init; }

    public required IReadOnlyList<FileRole> Files { get; init; }

    public required int ClassCount { get; init; }

    public int? FeatureCount { get; init; }

    /// <summary>The image shape (CHW) every sample of the set has, for image sets; null for tables.</summary>
    public ImageShape? Shape { get; init; }

    /// <summary>How to obtain the data, beyond the generic advice; null if none.</summary>
    public string? InstallHint { get; init; }

    /// <summary>Reads the training file(s) and the set's own test split, or null when it has none.</summary>
    public abstract (LabeledData Train, LabeledData? Test) Read(LocatedDataset located);

    /// <summary>Train and test sample counts from headers or line counts (null where unknown).</summary>
    public abstract (int? Train, int? Test, IReadOnlyDictionary<string, int> PerFile) Count(LocatedDataset located);

    public bool Matches(string name) =>
        Normalize(Name) == Normalize(name) || Aliases.Any(a => Normalize(a) == Normalize(name));

    /// <summary>Finds the first folder, over <paramref name="directories"/> in order, that holds every file.</summary>
    public LocatedDataset? Locate(IEnumerable<DataDirectory> directories, out string? partial)
    {
        partial = null;
        foreach (var directory in directories.Where(d => d.Exists))
        {
            foreach (var folder in FolderNames)
            {
                var path = Path.Combine(directory.Path, folder);
                if (!Directory.Exists(path))
                {
                    continue;
                }

                var resolved = Files.ToDictionary(f => f.Role, f => f.Names.Select(n => Path.Combine(path, n)).FirstOrDefault(File.Exists));
                var missing = resolved.Where(r => r.Value is null).Select(r => Files.First(f => f.Role == r.Key).Names[0]).ToList();
                if (missing.Count == 0)
                {
                    return new LocatedDataset(path, resolved.ToDictionary(r => r.Key, r => r.Value!));
                }

                partial ??= $"{path} lacks {string.Join(", ", missing)}";
            }
        }

        return null;
    }

    private static string Normalize(string name) => name.Trim().Replace('_', '-').ToUpperInvariant();
}
