using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EvoPrune.Evolution.Randomness;

/// <summary>
/// A counter-based generator: draw <c>i</c> of a stream is <c>mix(key digest, i)</c>, so a stream is a pure
/// function of its <see cref="RandomKey"/> and position. No state is shared between streams, and a stream
/// can be re-created at any position (<see cref="Position"/>) after a resume.
/// </summary>
public sealed class CounterRandomSource : IRandomSource
{
    // Draws computed at once by PartialShuffle.
    private const int BlockDraws = 256;

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
        return Draw(Position++);
    }

    // Lemire's multiply-shift leaves m / 2^32 uniform in [0, bound) unless m's low half falls below 2^32 mod bound (then
    // the draw is rejected). That threshold (a division) is needed only when the low half is below the bound, which is
    // rare for small bounds.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Rejected(ulong m, ulong bound) =>
        (m & 0xFFFFFFFFUL) < bound && (m & 0xFFFFFFFFUL) < ((1UL << 32) - bound) % bound;

    // Draw number position of this stream.
    private ulong Draw(ulong position) => RandomKey.Mix64(RandomKey.Mix64(_stream + (position * 0x9E3779B97F4A7C15UL)) ^ _stream);

    /// <summary>
    /// <see cref="RandomSources.PartialShuffle"/> with the draws made a block at a time: draw i of a stream depends on i
    /// alone, so a block is computed with vector instructions, and each swap then takes its bound's share of the next
    /// draw exactly as <see cref="NextInt(int, int)"/> does (rejections included). Only the draws used are taken.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void PartialShuffle(Span<int> items, int count)
    {
        Span<ulong> block = stackalloc ulong[BlockDraws];
        int next = 0, filled = 0; // The block's next unused draw and its draws made: none yet.
        var taken = 0UL;
        for (var i = 0; i < count; i++)
        {
            var bound = (ulong)(items.Length - i);
            ulong m;
            do
            {
                if (next == filled)
                {
                    // As many draws as swaps are left (a rejection, rare, may need one more block).
                    filled = Math.Min(block.Length, count - i);
                    Fill(Position + taken, block[..filled]);
                    next = 0;
                }

                taken++;
                m = (block[next++] >> 32) * bound;
            }
            while (Rejected(m, bound));

            var j = i + (int)(m >> 32);
            (items[i], items[j]) = (items[j], items[i]);
        }

        Position += taken;
    }

    // Draws position .. position + into.Length − 1 of this stream (what NextUInt64 would return), without moving, with the
    // widest vectors the hardware has.
    private void Fill(ulong position, Span<ulong> into) =>
        Fill(position, into, Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1);

    /// <summary>
    /// <see cref="Fill(ulong, Span{ulong})"/> <paramref name="lanes"/> draws at a time: 8 (Vector512), 4 (Vector256) or 1.
    /// Every width gives the same draws; tests run each width the hardware has, whichever one this machine would pick.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Fill(ulong position, Span<ulong> into, int lanes)
    {
        var i = 0;
        if (lanes == 8)
        {
            // stream + index·step for each lane's index, advanced by 8 steps at a time (one multiply less per draw).
            var stream = Vector512.Create(_stream);
            var counter = stream + ((Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7) + Vector512.Create(position)) * Vector512.Create(0x9E3779B97F4A7C15UL));
            var advance = Vector512.Create(unchecked(8UL * 0x9E3779B97F4A7C15UL));
            for (; i + 8 <= into.Length; i += 8)
            {
                Mix64(Mix64(counter) ^ stream).CopyTo(into[i..]);
                counter += advance;
            }
        }
        else if (lanes == 4)
        {
            // stream + index·step for each lane's index, advanced by 4 steps at a time (one multiply less per draw).
            var stream = Vector256.Create(_stream);
            var counter = stream + ((Vector256.Create(0UL, 1, 2, 3) + Vector256.Create(position)) * Vector256.Create(0x9E3779B97F4A7C15UL));
            var advance = Vector256.Create(unchecked(4UL * 0x9E3779B97F4A7C15UL));
            for (; i + 4 <= into.Length; i += 4)
            {
                Mix64(Mix64(counter) ^ stream).CopyTo(into[i..]);
                counter += advance;
            }
        }

        for (; i < into.Length; i++)
        {
            into[i] = Draw(position + (ulong)i);
        }
    }

    // RandomKey.Mix64 on every lane (the same constants).
    private static Vector512<ulong> Mix64(Vector512<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private static Vector256<ulong> Mix64(Vector256<ulong> z)
    {
        z = (z ^ (z >> 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <inheritdoc />
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc />
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Lemire's multiply-shift with rejection (see Rejected): unbiased for every bound.
        var bound = (ulong)maxExclusive;
        ulong m;
        do
        {
            m = (NextUInt64() >> 32) * bound;
        }
        while (Rejected(m, bound));

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
