using System.Globalization;
using System.Text.Json.Serialization;
using EvoPrune.Evolution.Genomes.Serialization;

namespace EvoPrune.Evolution.Genomes;

/// <summary>
/// A pruning mask: one bit per prunable weight (true = kept), cut into per-layer segments by a <see cref="MaskLayout"/>
/// so that per-layer kept counts and densities are defined. Packs to <see cref="ToPackedWords"/> /
/// <see cref="ToPackedBytes"/> for the wire; JSON carries the bits as base64 of the packed bytes.
/// </summary>
[JsonConverter(typeof(MaskGenomeJsonConverter))]
public sealed class MaskGenome : ILinearGenome<MaskGenome>
{
    private readonly bool[] _bits;
    private readonly int[] _keptPerLayer;

    /// <summary>Creates a mask with a copy of <paramref name="bits"/>.</summary>
    /// <exception cref="ArgumentException">The bit count is not the layout's total length.</exception>
    public MaskGenome(MaskLayout layout, ReadOnlySpan<bool> bits, long id = 0)
        : this(layout, CheckedCopy(layout, bits), id, null)
    {
    }

    /// <summary>Creates a mask over layers of the given sizes with a copy of <paramref name="bits"/>.</summary>
    public MaskGenome(IReadOnlyList<int> layerSizes, ReadOnlySpan<bool> bits, long id = 0)
        : this(new MaskLayout(layerSizes), bits, id)
    {
    }

    // Takes ownership of bits; kept counts are shared between clones because nothing ever writes them.
    private MaskGenome(MaskLayout layout, bool[] bits, long id, int[]? keptPerLayer)
    {
        Layout = layout;
        _bits = bits;
        Id = id;
        _keptPerLayer = keptPerLayer ?? CountKept(layout, bits);
        KeptCount = _keptPerLayer.Sum();
    }

    /// <inheritdoc />
    public long Id { get; }

    /// <summary>How the bits split into layers.</summary>
    public MaskLayout Layout { get; }

    /// <summary>Number of weights in each layer.</summary>
    public IReadOnlyList<int> LayerSizes => Layout.LayerSizes;

    /// <summary>Number of layers.</summary>
    public int LayerCount => Layout.LayerCount;

    /// <inheritdoc />
    public int Length => _bits.Length;

    /// <summary>All bits, layer after layer; true = the weight is kept.</summary>
    public ReadOnlySpan<bool> Bits => _bits;

    /// <summary>Whether the weight at flat position <paramref name="index"/> is kept.</summary>
    public bool this[int index] => _bits[index];

    /// <summary>Number of kept weights over all layers.</summary>
    public int KeptCount { get; }

    /// <summary>Fraction of all weights that are kept.</summary>
    public double Density => (double)KeptCount / _bits.Length;

    /// <summary>The bits of <paramref name="layer"/>.</summary>
    public ReadOnlySpan<bool> LayerBits(int layer) => _bits.AsSpan(Layout.Offset(layer), Layout.LayerSizes[layer]);

    /// <summary>Number of kept weights in <paramref name="layer"/>.</summary>
    public int LayerKeptCount(int layer)
    {
        _ = Layout.Offset(layer);
        return _keptPerLayer[layer];
    }

    /// <summary>Fraction of the weights of <paramref name="layer"/> that are kept.</summary>
    public double LayerDensity(int layer) => (double)LayerKeptCount(layer) / Layout.LayerSizes[layer];

    /// <summary>The bits packed into 64-bit words (see <see cref="MaskPacking"/>).</summary>
    public ulong[] ToPackedWords() => MaskPacking.PackWords(_bits);

    /// <summary>The bits packed into bytes (see <see cref="MaskPacking"/>).</summary>
    public byte[] ToPackedBytes() => MaskPacking.PackBytes(_bits);

    /// <summary>A mask rebuilt from <see cref="ToPackedWords"/> output.</summary>
    public static MaskGenome FromPackedWords(MaskLayout layout, ReadOnlySpan<ulong> words, long id = 0)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new MaskGenome(layout, MaskPacking.UnpackWords(words, layout.TotalLength), id, null);
    }

    /// <summary>A mask rebuilt from <see cref="ToPackedBytes"/> output.</summary>
    public static MaskGenome FromPackedBytes(MaskLayout layout, ReadOnlySpan<byte> bytes, long id = 0)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new MaskGenome(layout, MaskPacking.UnpackBytes(bytes, layout.TotalLength), id, null);
    }

    /// <inheritdoc />
    public MaskGenome Clone(long id) => new(Layout, _bits, id, _keptPerLayer);

    /// <inheritdoc />
    public bool HasSameGenes(MaskGenome other) =>
        other is not null && Layout.Equals(other.Layout) && _bits.AsSpan().SequenceEqual(other._bits);

    /// <inheritdoc />
    public bool IsCompatibleWith(MaskGenome other) => other is not null && Layout.Equals(other.Layout);

    /// <inheritdoc />
    public MaskGenome Recombine(MaskGenome other, ReadOnlySpan<bool> takeFromOther)
    {
        EnsureCompatible(other);
        return Owning(GeneArrays.Recombine<bool>(_bits, other._bits, takeFromOther));
    }

    /// <inheritdoc />
    public MaskGenome Permute(ReadOnlySpan<int> sourceIndices) => Owning(GeneArrays.Permute<bool>(_bits, sourceIndices));

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"MaskGenome #{Id}: {KeptCount}/{Length} kept ({Density:P1}) over {LayerCount} layers");

    /// <summary>An unnumbered mask of this layout that takes ownership of <paramref name="bits"/> (for operators).</summary>
    internal MaskGenome Owning(bool[] bits) => new(Layout, bits, 0, null);

    internal void EnsureCompatible(MaskGenome other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!Layout.Equals(other.Layout))
        {
            throw new ArgumentException($"Mask layouts differ: {Layout} and {other.Layout}.", nameof(other));
        }
    }

    private static bool[] CheckedCopy(MaskLayout layout, ReadOnlySpan<bool> bits)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (bits.Length != layout.TotalLength)
        {
            throw new ArgumentException($"The layout {layout} needs {layout.TotalLength} bits, but {bits.Length} were given.", nameof(bits));
        }

        return bits.ToArray();
    }

    private static int[] CountKept(MaskLayout layout, bool[] bits)
    {
        var kept = new int[layout.LayerCount];
        for (var layer = 0; layer < kept.Length; layer++)
        {
            kept[layer] = bits.AsSpan(layout.Offset(layer), layout.LayerSizes[layer]).Count(true);
        }

        return kept;
    }
}
