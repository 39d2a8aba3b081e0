using EvoPrune.Data.Formats;

namespace EvoPrune.Data.Catalog;

/// <summary>An MNIST-layout dataset: four IDX files (gzip or raw, '-' or '.' before "idx").</summary>
internal sealed class IdxDatasetEntry : DatasetEntry
{
    public required IReadOnlyList<string> ClassNames { get; init; }

    public static IReadOnlyList<FileRole> StandardFiles { get; } =
    [
        Role("train-images", "train-images", "idx3-ubyte"),
        Role("train-labels", "train-labels", "idx1-ubyte"),
        Role("test-images", "t10k-images", "idx3-ubyte"),
        Role("test-labels", "t10k-labels", "idx1-ubyte"),
    ];

    public override (LabeledData Train, LabeledData? Test) Read(LocatedDataset located)
    {
        ArgumentNullException.ThrowIfNull(located);
        var f = located.Files;
        return (IdxReader.Read(f["train-images"], f["train-labels"], $"{Name}/train", ClassNames),
                IdxReader.Read(f["test-images"], f["test-labels"], $"{Name}/test", ClassNames));
    }

    public override (int? Train, int? Test, IReadOnlyDictionary<string, int> PerFile) Count(LocatedDataset located)
    {
        ArgumentNullException.ThrowIfNull(located);
        var perFile = located.Files.ToDictionary(f => f.Key, f => IdxReader.ReadCheckedHeader(f.Value, MagicOf(f.Key)).Count);
        return (perFile["train-images"], perFile["test-images"], perFile);
    }

    private static int MagicOf(string role) =>
        role.EndsWith("images", StringComparison.Ordinal) ? IdxReader.ImagesMagic : IdxReader.LabelsMagic;

    private static FileRole Role(string role, string stem, string suffix) =>
        new(role, [$"{stem}-{suffix}.gz", $"{stem}-{suffix}", $"{stem}.{suffix}.gz", $"{stem}.{suffix}"]);
}
