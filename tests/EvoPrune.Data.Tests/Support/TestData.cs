using EvoPrune.Data.Catalog;

namespace EvoPrune.Data.Tests.Support;

/// <summary>
/// Finds the offline data collection (shared/data) and decides what a missing dataset means: a skipped test
/// normally, a failed one when EVOPRUNE_REQUIRE_DATA=1 (CI sets it so data problems cannot hide as skips).
/// Search order: each directory in EVOPRUNE_DATA, then &lt;ancestor&gt;/shared/data and &lt;ancestor&gt;/../shared/data
/// walking up from the test assembly's directory.
/// </summary>
internal static class TestData
{
    public static string? Root { get; } = FindRoot();

    public static bool Required => Environment.GetEnvironmentVariable("EVOPRUNE_REQUIRE_DATA") == "1";

    /// <summary>The folder of dataset <paramref name="folder"/> (e.g. "mnist"); skips or fails if it is absent.</summary>
    public static string Folder(string folder)
    {
        var path = Root is null ? null : Path.Combine(Root, folder);
        RequireAvailable(path is not null && Directory.Exists(path), $"dataset folder '{folder}' not found ({Describe()})");
        return path!;
    }

    /// <summary>Skips the test (or fails it under EVOPRUNE_REQUIRE_DATA=1) when <paramref name="available"/> is false.</summary>
    public static void RequireAvailable(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail($"{reason}; EVOPRUNE_REQUIRE_DATA=1 makes a missing dataset a failure.");
        }

        Skip.If(true, $"{reason}; set EVOPRUNE_DATA to the shared/data folder to run this test.");
    }

    /// <summary>A catalog that sees only the shared data (and /usr/share/datasets), not the environment or repo.</summary>
    public static DatasetCatalog Catalog() => new(new DatasetCatalogOptions
    {
        DataDirectories = Root is null ? [] : [Root],
        UseEnvironment = false,
        SearchRepository = false,
    });

    private static string Describe() => Root is null ? "no shared/data folder found and EVOPRUNE_DATA is not set" : $"data root {Root}";

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable(DatasetCatalogOptions.EnvironmentVariable);
        foreach (var entry in (env ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Directory.Exists(entry))
            {
                return Path.GetFullPath(entry);
            }
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }
}
