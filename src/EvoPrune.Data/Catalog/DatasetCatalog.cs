using System.Text;
using EvoPrune.Data.Synthetic;

namespace EvoPrune.Data.Catalog;

/// <summary>
/// Finds datasets by name in the data directories (see <see cref="DatasetCatalogOptions"/> for the search
/// order) and loads them as <see cref="DatasetSplits"/>. Names are case-insensitive and '_' equals '-'
/// ("fashion_mnist" = "fashion-mnist"); a few aliases are accepted ("wdbc", "vehicle", ...). The synthetic set
/// is "manifold", optionally with parameters: "manifold:d=4,D=64,K=5" (see <see cref="ManifoldOptions"/>).
/// </summary>
public sealed class DatasetCatalog
{
    /// <summary>Name of the synthetic manifold set.</summary>
    public const string ManifoldName = "manifold";

    /// <summary>Creates a catalog; the search path is fixed now (directories that appear later are still checked).</summary>
    public DatasetCatalog(DatasetCatalogOptions? options = null)
    {
        SearchDirectories = DataDirectories.Resolve(options ?? new DatasetCatalogOptions());
    }

    /// <summary>Every dataset name the catalog knows, in listing order (the synthetic "manifold" last).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. KnownDatasets.All.Select(e => e.Name), ManifoldName];

    /// <summary>The directories searched, in order, with their origin.</summary>
    public IReadOnlyList<DataDirectory> SearchDirectories { get; }

    /// <summary>True if <paramref name="name"/> (or an alias, or "manifold:...") names a known dataset.</summary>
    public static bool IsKnown(string name) => IsManifold(name, out _) || KnownDatasets.Find(name) is not null;

    /// <summary>Describes every known dataset: found or not, where, file sizes and cheap sample counts.</summary>
    public IReadOnlyList<DatasetInfo> List() => Names.Select(Describe).ToArray();

    /// <summary>Describes one dataset without loading it. Throws <see cref="DatasetNotFoundException"/> for an unknown name.</summary>
    public DatasetInfo Describe(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsManifold(name, out var manifoldText))
        {
            return DescribeManifold(manifoldText is null ? new ManifoldOptions() : ManifoldOptions.Parse(manifoldText));
        }

        var entry = Find(name);
        var located = entry.Locate(SearchDirectories, out var partial);
        var info = new DatasetInfo
        {
            Name = entry.Name, Kind = entry.Kind, Description = entry.Description, Found = located is not null,
            ClassCount = entry.ClassCount, FeatureCount = entry.FeatureCount, Shape = entry.Shape,
        };
        if (located is null)
        {
            return info with { Note = partial is null ? entry.InstallHint ?? "not found" : $"incomplete: {partial}" };
        }

        try
        {
            var (train, test, perFile) = entry.Count(located);
            var files = located.Files.Select(f => new DatasetFile(f.Key, f.Value, new FileInfo(f.Value).Length, perFile.TryGetValue(f.Key, out var n) ? n : null));
            return info with { Directory = located.Directory, Files = files.ToArray(), TrainCount = train, TestCount = test };
        }
        catch (DataFormatException e)
        {
            var files = located.Files.Select(f => new DatasetFile(f.Key, f.Value, new FileInfo(f.Value).Length, null));
            return info with { Directory = located.Directory, Files = files.ToArray(), Note = $"unreadable: {e.Message}" };
        }
    }

    /// <summary>The folder holding <paramref name="name"/>'s files, or null if it is not found (or synthetic).</summary>
    public string? Locate(string name) => IsManifold(name, out _) ? null : Find(name).Locate(SearchDirectories, out _)?.Directory;

    /// <summary>
    /// Loads <paramref name="name"/> and splits it as <paramref name="options"/> says. Throws
    /// <see cref="DatasetNotFoundException"/> when it is unknown or not on disk, <see cref="DataFormatException"/>
    /// when a file is malformed.
    /// </summary>
    public DatasetSplits Load(string name, DatasetLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= new DatasetLoadOptions();
        options.Validate();
        if (IsManifold(name, out var manifoldText))
        {
            var manifoldOptions = manifoldText is null ? options.Manifold ?? new ManifoldOptions() : ManifoldOptions.Parse(manifoldText);
            var (train, test) = SyntheticManifold.Create(manifoldOptions, options.EffectiveDataSeed).SampleSplits(ManifoldName);
            return SplitPipeline.Build(ManifoldName, train, test, options);
        }

        var entry = Find(name);
        var located = entry.Locate(SearchDirectories, out var partial) ?? throw NotFound(entry, partial);
        var (trainFile, testFile) = entry.Read(located);
        return SplitPipeline.Build(entry.Name, trainFile, testFile, options);
    }

    private static bool IsManifold(string name, out string? parameters)
    {
        var trimmed = name.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? trimmed : trimmed[..colon];
        parameters = colon < 0 ? null : trimmed[(colon + 1)..];
        return string.Equals(head, ManifoldName, StringComparison.OrdinalIgnoreCase);
    }

    private static DatasetEntry Find(string name) =>
        KnownDatasets.Find(name) ?? throw new DatasetNotFoundException(
            name, [], $"Unknown dataset '{name}'. Known datasets: {string.Join(", ", Names)} (the synthetic one takes parameters: manifold:d=4,D=64,K=5).");

    private static DatasetInfo DescribeManifold(ManifoldOptions options) => new()
    {
        Name = ManifoldName, Kind = DatasetKind.Synthetic, Found = true, ClassCount = options.ClassCount,
        Description = "synthetic: points on a d-dim manifold in D dims, labels from a rule on the latent coordinates",
        FeatureCount = options.AmbientDimension, TrainCount = options.TrainCount, TestCount = options.TestCount,
        Note = $"generated on demand; parameters as manifold:{options.ToSpec()}",
    };

    private DatasetNotFoundException NotFound(DatasetEntry entry, string? partial)
    {
        var text = new StringBuilder()
            .Append($"Dataset '{entry.Name}' was not found. Looked for a folder named {string.Join(" or ", entry.FolderNames)} ")
            .Append($"holding {string.Join(", ", entry.Files.Select(f => f.Names[0]))} in these directories, in order:").AppendLine();
        foreach (var directory in SearchDirectories)
        {
            text.Append("  ").Append(directory).AppendLine();
        }

        if (SearchDirectories.Count == 0)
        {
            text.AppendLine("  (none: no directory was configured)");
        }

        if (partial is not null)
        {
            text.Append("Found an incomplete copy: ").Append(partial).AppendLine(".");
        }

        text.Append($"To fix: put the files in <dir>/{entry.FolderNames[0]}/ and set {DatasetCatalogOptions.EnvironmentVariable}=<dir> ")
            .Append($"(a '{Path.PathSeparator}'-separated list) or pass --data-dir <dir>.");
        if (entry.InstallHint is not null)
        {
            text.Append(' ').Append(entry.InstallHint);
        }

        return new DatasetNotFoundException(entry.Name, SearchDirectories.Select(d => d.Path).ToArray(), text.ToString());
    }
}
