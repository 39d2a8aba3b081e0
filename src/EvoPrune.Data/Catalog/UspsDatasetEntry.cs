using EvoPrune.Data.Formats;

namespace EvoPrune.Data.Catalog;

/// <summary>The USPS digits in ESL's text form: zip.train(.gz) and zip.test(.gz).</summary>
internal sealed class UspsDatasetEntry : DatasetEntry
{
    public static IReadOnlyList<FileRole> StandardFiles { get; } =
    [
        new("train", ["zip.train.gz", "zip.train"]),
        new("test", ["zip.test.gz", "zip.test"]),
    ];

    public override (LabeledData Train, LabeledData? Test) Read(LocatedDataset located)
    {
        ArgumentNullException.ThrowIfNull(located);
        return (UspsReader.Read(located.Files["train"], $"{Name}/train"), UspsReader.Read(located.Files["test"], $"{Name}/test"));
    }

    public override (int? Train, int? Test, IReadOnlyDictionary<string, int> PerFile) Count(LocatedDataset located)
    {
        ArgumentNullException.ThrowIfNull(located);
        var perFile = located.Files.ToDictionary(f => f.Key, f => DataFile.CountNonBlankLines(f.Value));
        return (perFile["train"], perFile["test"], perFile);
    }
}
