using System.Globalization;
using EvoPrune.Data.Formats;

namespace EvoPrune.Data.Catalog;

/// <summary>The file-backed datasets the catalog knows, in listing order.</summary>
internal static class KnownDatasets
{
    private static readonly string[] _digits = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static IReadOnlyList<DatasetEntry> All { get; } =
    [
        new IdxDatasetEntry
        {
            Name = "mnist", Kind = DatasetKind.Image, Description = "handwritten digits, 28x28, 60,000 / 10,000",
            FolderNames = ["mnist", "MNIST", Path.Combine("MNIST", "raw")], Files = IdxDatasetEntry.StandardFiles,
            ClassCount = 10, FeatureCount = 784, Shape = ImageShape.Grey(28, 28), ClassNames = _digits,
        },
        new IdxDatasetEntry
        {
            Name = "fashion-mnist", Aliases = ["fashion_mnist", "fashionmnist", "fmnist"], Kind = DatasetKind.Image,
            Description = "Zalando clothing images, 28x28, 60,000 / 10,000",
            FolderNames = ["fashion-mnist", "fashion_mnist", "fashionmnist", "FashionMNIST", Path.Combine("FashionMNIST", "raw")],
            Files = IdxDatasetEntry.StandardFiles, ClassCount = 10, FeatureCount = 784, Shape = ImageShape.Grey(28, 28),
            ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
            InstallHint = "On Debian/Ubuntu install it with `apt-get install -y dataset-fashion-mnist` (it goes to /usr/share/datasets/fashion-mnist/, which is searched).",
        },
        new IdxDatasetEntry
        {
            Name = "kmnist", Aliases = ["kuzushiji-mnist"], Kind = DatasetKind.Image,
            Description = "Kuzushiji (cursive Japanese) characters, 28x28, 60,000 / 10,000",
            FolderNames = ["kmnist", "KMNIST", Path.Combine("KMNIST", "raw")], Files = IdxDatasetEntry.StandardFiles,
            ClassCount = 10, FeatureCount = 784, Shape = ImageShape.Grey(28, 28), ClassNames = ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"],
            InstallHint = "Download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
                + "t10k-labels-idx1-ubyte.gz from https://github.com/rois-codh/kmnist into a folder named kmnist/.",
        },
        new UspsDatasetEntry
        {
            Name = "usps", Aliases = ["zip", "zipcode"], Kind = DatasetKind.Image,
            Description = "USPS digits (ESL zip code data), 16x16, 7,291 / 2,007",
            FolderNames = ["usps", "USPS", "zipcode"], Files = UspsDatasetEntry.StandardFiles, ClassCount = 10, FeatureCount = UspsReader.PixelCount, Shape = ImageShape.Grey(16, 16),
        },
        UciDatasetEntry.For(UciTableSpecs.Iris),
        UciDatasetEntry.For(UciTableSpecs.Wine),
        UciDatasetEntry.For(UciTableSpecs.BreastCancerWdbc, "wdbc", "breast-cancer", "breast_cancer"),
        UciDatasetEntry.For(UciTableSpecs.Optdigits, "digits"),
        UciDatasetEntry.For(UciTableSpecs.Ionosphere),
        UciDatasetEntry.For(UciTableSpecs.Sonar),
        UciDatasetEntry.For(UciTableSpecs.PimaDiabetes, "pima", "diabetes"),
        UciDatasetEntry.For(UciTableSpecs.Glass),
        UciDatasetEntry.For(UciTableSpecs.StatlogHeart, "heart"),
        UciDatasetEntry.For(UciTableSpecs.StatlogVehicle, "vehicle"),
        UciDatasetEntry.For(UciTableSpecs.StatlogSegment, "segment"),
        UciDatasetEntry.For(UciTableSpecs.Letter, "letter-recognition"),
        UciDatasetEntry.For(UciTableSpecs.Satimage, "landsat", "statlog_satimage"),
        UciDatasetEntry.For(UciTableSpecs.Vowel),
    ];

    public static DatasetEntry? Find(string name) => All.FirstOrDefault(e => e.Matches(name));
}
