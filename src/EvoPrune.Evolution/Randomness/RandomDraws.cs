namespace EvoPrune.Evolution.Randomness;

/// <summary>Draws that <see cref="IRandomSource"/> does not offer directly.</summary>
internal static class RandomDraws
{
    /// <summary>A uniform integer in [<paramref name="lower"/>, <paramref name="upper"/>], both inclusive, for any int range.</summary>
    public static int NextInclusive(this IRandomSource random, int lower, int upper)
    {
        var span = (long)upper - lower + 1;
        if (span <= int.MaxValue)
        {
            return lower + random.NextInt((int)span);
        }

        // The span is above 2^31 - 1 but at most 2^32: reject 32-bit draws that fall past it (less than half do).
        while (true)
        {
            var r = (long)(random.NextUInt64() >> 32);
            if (r < span)
            {
                return (int)(lower + r);
            }
        }
    }

    /// <summary>A uniform double in [<paramref name="lower"/>, <paramref name="upper"/>]; equal limits give that value.</summary>
    public static double NextInRange(this IRandomSource random, double lower, double upper)
    {
        // lower + u * (upper - lower) can round past upper; the clamp keeps the draw inside the closed interval.
        var value = lower + (random.NextDouble() * (upper - lower));
        return Math.Clamp(value, lower, upper);
    }
}
