using EvoPrune.Data.Splitting;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Data.Catalog;

/// <summary>Turns a dataset's raw train (and test) sets into <see cref="DatasetSplits"/> as <see cref="DatasetLoadOptions"/> describes.</summary>
internal static class SplitPipeline
{
    public static DatasetSplits Build(string name, LabeledData trainFile, LabeledData? testFile, DatasetLoadOptions options)
    {
        var pool = Enumerable.Range(0, trainFile.Count).ToArray();
        var testSource = testFile;
        var testIndices = testFile is null ? null : Enumerable.Range(0, testFile.Count).ToArray();
        if (testFile is null)
        {
            // No test file: hold out a stratified share, keyed by the data seed so the test set can stay fixed.
            var random = RandomSources.For(options.EffectiveDataSeed, -1, -1, "test-split");
            (pool, testIndices) = StratifiedSplit.Indices(trainFile.Labels, trainFile.ClassCount, StratifiedSplit.HeldOutCount(trainFile.Count, options.TestFraction), random);
            testSource = trainFile;
        }

        var poolLabels = pool.Select(i => trainFile.Labels[i]).ToArray();
        var (kept, validation) = StratifiedSplit.Indices(
            poolLabels, trainFile.ClassCount, StratifiedSplit.HeldOutCount(pool.Length, options.ValidationFraction), RandomSources.For(options.Seed, -1, -1, "split"));
        var train = Cap(trainFile, kept.Select(i => pool[i]).ToArray(), options.MaxTrainSamples, options.Seed, "subsample-train");
        var valid = Cap(trainFile, validation.Select(i => pool[i]).ToArray(), options.MaxValidationSamples, options.Seed, "subsample-validation");
        var test = Cap(testSource!, testIndices!, options.MaxTestSamples, options.Seed, "subsample-test");
        var splits = new DatasetSplits(
            Select(trainFile, train, $"{name}/train"),
            Select(trainFile, valid, $"{name}/validation"),
            Select(testSource!, test, $"{name}/test"));
        return splits.Normalize(options.Normalization);
    }

    /// <summary>The rows at <paramref name="indices"/>; shares the arrays when that is every row in order.</summary>
    private static LabeledData Select(LabeledData source, int[] indices, string name)
    {
        var identity = indices.Length == source.Count && indices.Select((value, position) => value == position).All(same => same);
        return identity ? source.WithName(name) : source.Subset(indices, name);
    }

    /// <summary>A stratified subsample of <paramref name="indices"/> of at most <paramref name="max"/>, in index order.</summary>
    private static int[] Cap(LabeledData source, int[] indices, int? max, ulong seed, string purpose)
    {
        if (max is not { } m || m >= indices.Length)
        {
            return indices;
        }

        var labels = indices.Select(i => source.Labels[i]).ToArray();
        var (_, chosen) = StratifiedSplit.Indices(labels, source.ClassCount, m, RandomSources.For(seed, -1, -1, purpose));
        return chosen.Select(i => indices[i]).ToArray();
    }
}
