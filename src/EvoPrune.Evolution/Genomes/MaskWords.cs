using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace EvoPrune.Evolution.Genomes;

/// <summary>
/// Bit operations on a mask packed into 64-bit words (the layout of <see cref="MaskPacking"/>: bit i in word i / 64 at
/// bit i % 64). The mask operators work on words so that a generation of large masks (LeNet's 266,200 weights) is bred
/// without unpacking every parent to one byte per weight.
/// </summary>
public static class MaskWords
{
    /// <summary>Whether bit <paramref name="index"/> is set.</summary>
    public static bool Get(ReadOnlySpan<ulong> words, int index) => ((words[index >> 6] >> (index & 63)) & 1UL) != 0;

    /// <summary>Sets bit <paramref name="index"/> to <paramref name="value"/>.</summary>
    public static void Set(Span<ulong> words, int index, bool value)
    {
        var bit = 1UL << (index & 63);
        if (value)
        {
            words[index >> 6] |= bit;
        }
        else
        {
            words[index >> 6] &= ~bit;
        }
    }

    /// <summary>The words of a packed-byte mask (<see cref="MaskGenome.ToPackedBytes"/>), checked against <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">The byte count does not fit the layout, or a padding bit is set.</exception>
    public static ulong[] FromBytes(MaskLayout layout, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var bitCount = layout.TotalLength;
        MaskPacking.CheckBytes(bytes, bitCount);
        var words = new ulong[MaskPacking.WordCount(bitCount)];
        bytes.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            for (var w = 0; w < words.Length; w++)
            {
                words[w] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(words[w]);
            }
        }

        return words;
    }

    /// <summary>The packed bytes of <paramref name="words"/> holding <paramref name="bitCount"/> bits (the wire form).</summary>
    public static byte[] ToBytes(ReadOnlySpan<ulong> words, int bitCount)
    {
        var bytes = new byte[MaskPacking.ByteCount(bitCount)];
        if (BitConverter.IsLittleEndian)
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(words)[..bytes.Length].CopyTo(bytes);
            return bytes;
        }

        for (var b = 0; b < bytes.Length; b++)
        {
            bytes[b] = (byte)(words[b >> 3] >> ((b & 7) * 8));
        }

        return bytes;
    }

    /// <summary>Number of set bits in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Count(ReadOnlySpan<ulong> words, int start, int length)
    {
        var count = 0;
        if (length <= 0)
        {
            return 0;
        }

        var end = start + length;
        for (var w = start >> 6; w <= (end - 1) >> 6; w++)
        {
            count += BitOperations.PopCount(words[w] & RangeMask(w, start, end));
        }

        return count;
    }

    /// <summary>The bits of word <paramref name="word"/> that lie in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong RangeMask(int word, int start, int end)
    {
        var first = word << 6;
        var mask = ulong.MaxValue;
        if (start > first)
        {
            mask &= ulong.MaxValue << (start - first);
        }

        if (end < first + 64)
        {
            mask &= (1UL << (end - first)) - 1;
        }

        return mask;
    }

    /// <summary>Position (0..63) of the <paramref name="rank"/>-th set bit (0-based) of <paramref name="word"/>.</summary>
    public static int SelectInWord(ulong word, int rank)
    {
        if (Bmi2.X64.IsSupported)
        {
            return BitOperations.TrailingZeroCount(Bmi2.X64.ParallelBitDeposit(1UL << rank, word));
        }

        for (var r = 0; r < rank; r++)
        {
            word &= word - 1;
        }

        return BitOperations.TrailingZeroCount(word);
    }
}

/// <summary>
/// Set and clear bits of one layer of a packed mask, found by rank: counts per word, a binary search, then a select
/// inside the word. Ranks and the positions returned are relative to the layer's first bit.
/// </summary>
public readonly ref struct MaskLayerRank
{
    private readonly ReadOnlySpan<ulong> _words;
    private readonly int _start;
    private readonly int _end;
    private readonly int _firstWord;
    private readonly Span<int> _onesBefore;
    private readonly Span<int> _zerosBefore;

    /// <summary>Indexes the layer [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of <paramref name="words"/>.</summary>
    public MaskLayerRank(ReadOnlySpan<ulong> words, int start, int length)
        : this(words, start, length, new int[ScratchLength(length)])
    {
    }

    /// <summary>
    /// The same index with its counts in <paramref name="scratch"/> (at least <see cref="ScratchLength"/> of the layer's
    /// length), so a caller ranking many layers reuses one buffer.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public MaskLayerRank(ReadOnlySpan<ulong> words, int start, int length, Span<int> scratch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        _words = words;
        _start = start;
        _end = start + length;
        _firstWord = start >> 6;
        var count = ((_end - 1) >> 6) - _firstWord + 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(scratch.Length, 2 * (count + 1), nameof(scratch));
        _onesBefore = scratch[..(count + 1)];
        _zerosBefore = scratch.Slice(count + 1, count + 1);
        _onesBefore[0] = 0;
        _zerosBefore[0] = 0;
        for (var i = 0; i < count; i++)
        {
            var range = MaskWords.RangeMask(_firstWord + i, _start, _end);
            var ones = BitOperations.PopCount(_words[_firstWord + i] & range);
            _onesBefore[i + 1] = _onesBefore[i] + ones;
            _zerosBefore[i + 1] = _zerosBefore[i] + BitOperations.PopCount(range) - ones;
        }

        Length = length;
    }

    /// <summary>Number of bits in the layer.</summary>
    public int Length { get; }

    /// <summary>The scratch a layer of <paramref name="length"/> bits needs, wherever it starts.</summary>
    public static int ScratchLength(int length) => 2 * ((length / 64) + 3);

    /// <summary>Number of set bits in the layer.</summary>
    public int Ones => _onesBefore[^1];

    /// <summary>Position of the <paramref name="rank"/>-th set bit of the layer.</summary>
    public int SelectOne(int rank) => Select(rank, ones: true);

    /// <summary>
    /// <see cref="SelectOne"/> for ranks asked in increasing order: <paramref name="word"/> (0 before the first call)
    /// keeps where the last one was found, so a pass over all of a layer's picks reads each word once instead of
    /// searching the whole layer for every pick. Gives the same position as <see cref="SelectOne"/>.
    /// </summary>
    public int SelectOneAscending(int rank, ref int word) => SelectAscending(rank, ref word, ones: true);

    /// <summary>Position of the <paramref name="rank"/>-th clear bit of the layer.</summary>
    public int SelectZero(int rank) => Select(rank, ones: false);

    /// <summary><see cref="SelectOneAscending"/> for clear bits: the same position as <see cref="SelectZero"/>.</summary>
    public int SelectZeroAscending(int rank, ref int word) => SelectAscending(rank, ref word, ones: false);

    // The word holding the rank-th wanted bit, walked to from the last one found; then a select inside it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SelectAscending(int rank, ref int word, bool ones)
    {
        var before = ones ? _onesBefore : _zerosBefore;
        while (before[word + 1] <= rank)
        {
            word++;
        }

        return SelectInWord(word, rank, ones);
    }

    // The last word whose count of wanted bits before it is at most rank holds the bit (a search without branches over
    // counts that never decrease); then a select inside it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Select(int rank, bool ones)
    {
        var before = ones ? _onesBefore : _zerosBefore;
        int low = 0, length = before.Length - 1;
        while (length > 1)
        {
            var half = length >> 1;
            low = before[low + half] <= rank ? low + half : low;
            length -= half;
        }

        return SelectInWord(low, rank, ones);
    }

    // The layer position of the rank-th wanted bit, found to lie in word index i (relative).
    private int SelectInWord(int i, int rank, bool ones)
    {
        var word = _firstWord + i;
        var wanted = ones ? Masked(word) : ~_words[word] & MaskWords.RangeMask(word, _start, _end);
        return (word << 6) + MaskWords.SelectInWord(wanted, rank - (ones ? _onesBefore : _zerosBefore)[i]) - _start;
    }

    private ulong Masked(int word) => _words[word] & MaskWords.RangeMask(word, _start, _end);
}
