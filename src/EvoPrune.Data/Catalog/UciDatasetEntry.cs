using EvoPrune.Data.Formats;

namespace EvoPrune.Data.Catalog;

/// <summary>A UCI table read with its <see cref="UciTableSpec"/>.</summary>
internal sealed class UciDatasetEntry : DatasetEntry
{
    public required UciTableSpec Spec { get; init; }

    public static UciDatasetEntry For(UciTableSpec spec, params string[] aliases)
    {
        var dashed = spec.Name.Replace('_', '-');
        var files = new List<FileRole> { new("train", [spec.TrainFile, spec.TrainFile + ".gz"]) };
        if (spec.TestFile is { } test)
        {
            files.Add(new FileRole("test", [test, test + ".gz"]));
        }

        return new UciDatasetEntry
        {
            Name = spec.Name,
            Aliases = aliases,
            Kind = DatasetKind.Table,
            Description = spec.Description,
            FolderNames = dashed == spec.Name ? [spec.Name] : [spec.Name, dashed],
            Files = files,
            ClassCount = spec.ClassCount ?? 0,
            FeatureCount = spec.FeatureCount,
            Shape = spec.Shape,
            Spec = spec,
        };
    }

    public override (LabeledData Train, LabeledData? Test) Read(LocatedDataset located)
    {
        ArgumentNullException.ThrowIfNull(located);
        return UciTableReader.ReadSplits(located.Directory, Spec with
        {
            TrainFile = Path.GetFileName(located.Files["train"]),
            TestFile = Spec.TestFile is null ? null : Path.GetFileName(located.Files["test"]),
        });
    }

    public override (int? Train, int? Test, IReadOnlyDictionary<string, int> PerFile) Count(LocatedDataset located)
    {
        ArgumentNullException.ThrowIfNull(located);
        var skip = Spec.HeaderLines + (Spec.CountsHeader ? 1 : 0);
        var perFile = located.Files.ToDictionary(f => f.Key, f => Math.Max(0, DataFile.CountNonBlankLines(f.Value) - skip));
        var train = perFile["train"];
        if (perFile.TryGetValue("test", out var test))
        {
            return (train, test, perFile);
        }

        return Spec.ConventionalTrainCount is { } cut && cut < train ? (cut, train - cut, perFile) : (train, null, perFile);
    }
}
