namespace EvoPrune.Evolution.Genomes;

/// <summary>
/// Packs masks to one bit per weight and back, so masks cross the wire compactly. Bit i goes to word i / 64
/// (byte i / 8) at bit i % 64 (i % 8), least significant bit first; the unused high bits of the last word are zero,
/// and unpacking rejects data where they are not (a sign of a wrong length or corrupt data).
/// </summary>
public static class MaskPacking
{
    /// <summary>Number of 64-bit words that hold <paramref name="bitCount"/> bits.</summary>
    public static int WordCount(int bitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bitCount);
        return (int)(((long)bitCount + 63) / 64);
    }

    /// <summary>Number of bytes that hold <paramref name="bitCount"/> bits.</summary>
    public static int ByteCount(int bitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bitCount);
        return (int)(((long)bitCount + 7) / 8);
    }

    /// <summary>Packs <paramref name="bits"/> into 64-bit words.</summary>
    public static ulong[] PackWords(ReadOnlySpan<bool> bits)
    {
        var words = new ulong[WordCount(bits.Length)];
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                words[i >> 6] |= 1UL << (i & 63);
            }
        }

        return words;
    }

    /// <summary>Unpacks <paramref name="bitCount"/> bits from <paramref name="words"/>.</summary>
    /// <exception cref="ArgumentException">The word count does not fit the bit count, or a padding bit is set.</exception>
    public static bool[] UnpackWords(ReadOnlySpan<ulong> words, int bitCount)
    {
        var expected = WordCount(bitCount);
        if (words.Length != expected)
        {
            throw new ArgumentException($"{bitCount} bits need {expected} words, but {words.Length} were given.", nameof(words));
        }

        var used = bitCount & 63;
        if (used != 0 && (words[^1] >> used) != 0)
        {
            throw new ArgumentException($"Padding bits past bit {bitCount} are set; the data does not hold a {bitCount}-bit mask.", nameof(words));
        }

        var bits = new bool[bitCount];
        for (var i = 0; i < bitCount; i++)
        {
            bits[i] = ((words[i >> 6] >> (i & 63)) & 1UL) != 0;
        }

        return bits;
    }

    /// <summary>Packs <paramref name="bits"/> into bytes.</summary>
    public static byte[] PackBytes(ReadOnlySpan<bool> bits)
    {
        var bytes = new byte[ByteCount(bits.Length)];
        for (var i = 0; i < bits.Length; i++)
        {
            if (bits[i])
            {
                bytes[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        return bytes;
    }

    /// <summary>Unpacks <paramref name="bitCount"/> bits from <paramref name="bytes"/>.</summary>
    /// <exception cref="ArgumentException">The byte count does not fit the bit count, or a padding bit is set.</exception>
    public static bool[] UnpackBytes(ReadOnlySpan<byte> bytes, int bitCount)
    {
        var expected = ByteCount(bitCount);
        if (bytes.Length != expected)
        {
            throw new ArgumentException($"{bitCount} bits need {expected} bytes, but {bytes.Length} were given.", nameof(bytes));
        }

        var used = bitCount & 7;
        if (used != 0 && (bytes[^1] >> used) != 0)
        {
            throw new ArgumentException($"Padding bits past bit {bitCount} are set; the data does not hold a {bitCount}-bit mask.", nameof(bytes));
        }

        var bits = new bool[bitCount];
        for (var i = 0; i < bitCount; i++)
        {
            bits[i] = ((bytes[i >> 3] >> (i & 7)) & 1) != 0;
        }

        return bits;
    }
}
