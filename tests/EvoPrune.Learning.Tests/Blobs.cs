using EvoPrune.Data;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Learning.Tests;

/// <summary>Small Gaussian-blob classification sets for tests that need data but not a real dataset.</summary>
internal static class Blobs
{
    public static LabeledData Make(int count, int features, int classes, ulong seed, ImageShape? shape = null)
    {
        var random = RandomSources.For(RandomKey.ForPurpose(seed, "blobs"));
        var centres = new double[classes, features];
        for (var c = 0; c < classes; c++)
        {
            for (var f = 0; f < features; f++)
            {
                centres[c, f] = random.NextGaussian() * 2;
            }
        }

        var x = new float[count * features];
        var y = new int[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = i % classes;
            for (var f = 0; f < features; f++)
            {
                x[(i * features) + f] = (float)(centres[y[i], f] + random.NextGaussian());
            }
        }

        return new LabeledData("blobs", x, y, features, Enumerable.Range(0, classes).Select(c => $"c{c}").ToArray(), shape);
    }
}
