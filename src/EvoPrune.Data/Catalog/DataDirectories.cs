namespace EvoPrune.Data.Catalog;

/// <summary>Builds the ordered, de-duplicated data search path from <see cref="DatasetCatalogOptions"/>.</summary>
internal static class DataDirectories
{
    public static IReadOnlyList<DataDirectory> Resolve(DatasetCatalogOptions options)
    {
        var result = new List<DataDirectory>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string path, string origin)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                return;
            }

            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path.Trim()));
            if (seen.Add(full))
            {
                result.Add(new DataDirectory(full, origin, Directory.Exists(full)));
            }
        }

        foreach (var directory in options.DataDirectories)
        {
            Add(directory, "--data-dir");
        }

        if (options.UseEnvironment)
        {
            var value = options.EnvironmentValue ?? Environment.GetEnvironmentVariable(DatasetCatalogOptions.EnvironmentVariable);
            foreach (var directory in (value ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                Add(directory, DatasetCatalogOptions.EnvironmentVariable);
            }
        }

        if (options.SearchRepository)
        {
            var starts = new[] { options.StartDirectory ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
            foreach (var relative in new[] { Path.Combine("configs", "data"), Path.Combine("shared", "data"), Path.Combine("..", "shared", "data") })
            {
                foreach (var start in starts)
                {
                    if (FindAbove(start, relative) is { } found)
                    {
                        Add(found, $"{relative.Replace("..", string.Empty, StringComparison.Ordinal).TrimStart(Path.DirectorySeparatorChar)} above {start}");
                    }
                }
            }
        }

        if (options.UseSystemDirectory)
        {
            Add(DatasetCatalogOptions.SystemDirectory, "system");
        }

        return result;
    }

    /// <summary>The first existing <c>ancestor/relative</c>, walking up from <paramref name="start"/>, or null.</summary>
    public static string? FindAbove(string start, string relative)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, relative));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
