using System.Runtime.CompilerServices;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Mutations;

/// <summary>Picks the positions a per-gene rate hits.</summary>
internal static class GeneSampling
{
    /// <summary>
    /// Each of <paramref name="length"/> positions independently with probability <paramref name="rate"/>, in
    /// increasing order. Gaps between hits are drawn from the geometric distribution instead of one draw per gene,
    /// so a low rate on a mask of millions of weights costs draws only for the genes it hits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<int> Pick(int length, double rate, IRandomSource random)
    {
        // Sized for the expected count and a margin, so the list rarely grows.
        var expected = rate <= 0.0 || length == 0 ? 0 : (int)Math.Min(length, (length * Math.Min(rate, 1.0) * 1.25) + 8);
        var picked = new List<int>(expected);
        if (rate <= 0.0 || length == 0)
        {
            return picked;
        }

        if (rate >= 1.0)
        {
            picked.AddRange(Enumerable.Range(0, length));
            return picked;
        }

        var logMiss = Math.Log(1.0 - rate);
        var position = -1L;
        while (true)
        {
            // P(gap = k) = (1 - rate)^k * rate: the number of misses before the next hit.
            var gap = Math.Floor(Math.Log(1.0 - random.NextDouble()) / logMiss);
            if (gap >= length)
            {
                return picked;
            }

            position += 1 + (long)gap;
            if (position >= length)
            {
                return picked;
            }

            picked.Add((int)position);
        }
    }
}
