using EvoPrune.Data;
using EvoPrune.Data.Catalog;
using EvoPrune.Ensembles.Pool;

namespace EvoPrune.Ensembles.Tests;

internal static class TestData
{
    public static DatasetCatalog Catalog { get; } = new();

    /// <summary>Skips when the dataset is absent, unless EVOPRUNE_REQUIRE_DATA=1 (then the load fails the test).</summary>
    public static void RequireOrSkip(string name)
    {
        var required = Environment.GetEnvironmentVariable("EVOPRUNE_REQUIRE_DATA") == "1";
        Skip.If(!required && Catalog.Locate(name) is null, $"dataset {name} not found");
    }

    /// <summary>A fabricated pool: members 0..good-1 are right on every sample, the rest right on about 40%.</summary>
    public static PoolPredictions Fabricated(int members, int good, int samples = 60, int classes = 3, ulong seed = 7)
    {
        var labels = Enumerable.Range(0, samples).Select(i => i % classes).ToArray();
        var random = EvoPrune.Evolution.Randomness.RandomSources.For(seed, -1, -1, "fabricate");
        var probabilities = new float[members][];
        for (var m = 0; m < members; m++)
        {
            probabilities[m] = new float[samples * classes];
            for (var i = 0; i < samples; i++)
            {
                var label = m < good || random.NextDouble() < 0.4 ? labels[i] : (labels[i] + 1 + random.NextInt(classes - 1)) % classes;
                probabilities[m][(i * classes) + label] = 1f;
            }
        }

        var split = new SplitPredictions(labels, probabilities, classes);
        return new PoolPredictions(Enumerable.Range(0, members).Select(m => $"m{m}").ToArray(), split, split);
    }

    public static LabeledData Iris(out LabeledData selection, out LabeledData test)
    {
        var splits = Catalog.Load("iris", new DatasetLoadOptions { Seed = 3, ValidationFraction = 0.25 });
        selection = splits.Validation;
        test = splits.Test;
        return splits.Train;
    }
}
