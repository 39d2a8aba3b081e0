using EvoPrune.Data.Formats;
using EvoPrune.Data.Tests.Support;

namespace EvoPrune.Data.Tests.RealData;

/// <summary>Loads MNIST once per test class (a few seconds); records why when it is absent.</summary>
public sealed class MnistFixture
{
    public MnistFixture()
    {
        var folder = TestData.Root is null ? null : Path.Combine(TestData.Root, "mnist");
        if (folder is null || !Directory.Exists(folder))
        {
            MissingReason = "MNIST not found (no shared/data/mnist and EVOPRUNE_DATA unset)";
            return;
        }

        var digits = Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Train = IdxReader.Read(Path.Combine(folder, "train-images-idx3-ubyte.gz"), Path.Combine(folder, "train-labels-idx1-ubyte.gz"), "mnist/train", digits);
        Test = IdxReader.Read(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), "mnist/test", digits);
    }

    public LabeledData? Train { get; }

    public LabeledData? Test { get; }

    public string? MissingReason { get; }

    /// <summary>Skips (or fails under EVOPRUNE_REQUIRE_DATA=1) when MNIST is absent.</summary>
    public (LabeledData Train, LabeledData Test) Require()
    {
        TestData.RequireAvailable(MissingReason is null, MissingReason ?? string.Empty);
        return (Train!, Test!);
    }
}
