using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

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
        var whole = bits.Length >> 3;
        var raw = MemoryMarshal.AsBytes(bits);
        for (var b = 0; b < whole; b++)
        {
            // Eight bools (bytes 0 or 1) read as one word; their low bits gathered LSB first make the packed byte.
            bytes[b] = Gather(BinaryPrimitives.ReadUInt64LittleEndian(raw.Slice(b << 3, 8)));
        }

        for (var i = whole << 3; i < bits.Length; i++)
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
        CheckBytes(bytes, bitCount);
        var bits = new bool[bitCount];
        var raw = MemoryMarshal.AsBytes(bits.AsSpan());
        var whole = bitCount >> 3;
        for (var b = 0; b < whole; b++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(raw.Slice(b << 3, 8), Spread(bytes[b]));
        }

        for (var i = whole << 3; i < bitCount; i++)
        {
            bits[i] = ((bytes[i >> 3] >> (i & 7)) & 1) != 0;
        }

        return bits;
    }

    /// <summary>Checks that <paramref name="bytes"/> holds exactly <paramref name="bitCount"/> packed bits.</summary>
    /// <exception cref="ArgumentException">The byte count does not fit the bit count, or a padding bit is set.</exception>
    internal static void CheckBytes(ReadOnlySpan<byte> bytes, int bitCount)
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
    }

    // Bit k of the result is bit 0 of byte k of the word (each byte a bool: 0 or 1).
    private static byte Gather(ulong eightBools) =>
        Bmi2.X64.IsSupported
            ? (byte)Bmi2.X64.ParallelBitExtract(eightBools, 0x0101010101010101UL)
            : (byte)(((eightBools & 0x0101010101010101UL) * 0x0102040810204080UL) >> 56);

    // The inverse: byte k of the result is bit k of the packed byte, as a bool (0 or 1).
    private static ulong Spread(byte packed) =>
        Bmi2.X64.IsSupported
            ? Bmi2.X64.ParallelBitDeposit(packed, 0x0101010101010101UL)
            : ((packed * 0x8040201008040201UL) >> 7) & 0x0101010101010101UL;
}
