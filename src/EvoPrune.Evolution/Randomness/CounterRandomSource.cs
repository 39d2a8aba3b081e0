namespace EvoPrune.Evolution.Randomness;

/// <summary>
/// A counter-based generator: draw <c>i</c> of a stream is <c>mix(key digest, i)</c>, so a stream is a pure
/// function of its <see cref="RandomKey"/> and position. No state is shared between streams, and a stream
/// can be re-created at any position (<see cref="Position"/>) after a resume.
/// </summary>
public sealed class CounterRandomSource : IRandomSource
{
    private readonly ulong _stream;
    private double? _spareGaussian;

    /// <summary>Creates the stream for <paramref name="key"/>, starting at draw <paramref name="position"/>.</summary>
    public CounterRandomSource(RandomKey key, ulong position = 0)
    {
        Key = key;
        _stream = key.Digest();
        Position = position;
    }

    /// <summary>The key this stream was made from.</summary>
    public RandomKey Key { get; }

    /// <summary>How many 64-bit draws have been taken.</summary>
    public ulong Position { get; private set; }

    /// <inheritdoc />
    public ulong NextUInt64()
    {
        // Two rounds of the SplitMix64 finaliser over (stream, counter): a Weyl sequence per stream,
        // decorrelated between streams by the key digest.
        var x = _stream + (Position++ * 0x9E3779B97F4A7C15UL);
        return RandomKey.Mix64(RandomKey.Mix64(x) ^ _stream);
    }

    /// <inheritdoc />
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc />
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Lemire's multiply-shift with rejection: unbiased for every bound. The rejection threshold (a division) is
        // needed only when the low half falls below the bound, which is rare for small bounds.
        var bound = (ulong)maxExclusive;
        var m = (NextUInt64() >> 32) * bound;
        if ((m & 0xFFFFFFFFUL) < bound)
        {
            var threshold = ((1UL << 32) - bound) % bound;
            while ((m & 0xFFFFFFFFUL) < threshold)
            {
                m = (NextUInt64() >> 32) * bound;
            }
        }

        return (int)(m >> 32);
    }

    /// <inheritdoc />
    public int NextInt(int minInclusive, int maxExclusive)
    {
        if (maxExclusive <= minInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), $"maxExclusive ({maxExclusive}) must exceed minInclusive ({minInclusive}).");
        }

        return minInclusive + NextInt(maxExclusive - minInclusive);
    }

    /// <inheritdoc />
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }

        // Marsaglia's polar method.
        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        var factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    /// <inheritdoc />
    public bool NextBool(double probability = 0.5) => NextDouble() < probability;
}
