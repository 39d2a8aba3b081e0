using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.TestSupport;

/// <summary>Keyed streams for tests: fixed keys for statistical checks, sampled seeds for properties.</summary>
internal static class Streams
{
    public static IRandomSource Fixed(string purpose, long genome = 0) => RandomSources.For(20260101UL, 0, genome, purpose);

    public static IRandomSource FromSeed(ulong seed) => RandomSources.For(seed, 0, 0, "property");

    /// <summary>How often each index in [0, n) occurs in <paramref name="picks"/>, as fractions.</summary>
    public static double[] Frequencies(IEnumerable<int> picks, int n)
    {
        var counts = new double[n];
        var total = 0;
        foreach (var p in picks)
        {
            counts[p]++;
            total++;
        }

        return [.. counts.Select(c => c / total)];
    }
}
