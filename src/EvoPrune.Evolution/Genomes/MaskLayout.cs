namespace EvoPrune.Evolution.Genomes;

/// <summary>
/// The shape of a <see cref="MaskGenome"/>: one flat bit vector cut into consecutive per-layer segments, layer l
/// covering [<see cref="Offset"/>(l), <see cref="Offset"/>(l) + <see cref="LayerSizes"/>[l]). Equal by value;
/// genomes of one run normally share one instance.
/// </summary>
public sealed class MaskLayout : IEquatable<MaskLayout>
{
    private readonly int[] _sizes;
    private readonly int[] _offsets;

    /// <summary>Creates a layout from the number of maskable weights in each layer, in order.</summary>
    /// <exception cref="ArgumentException">There is no layer, a layer is empty, or the total exceeds an array's capacity.</exception>
    public MaskLayout(IEnumerable<int> layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        _sizes = [.. layerSizes];
        if (_sizes.Length == 0)
        {
            throw new ArgumentException("A mask layout needs at least one layer.", nameof(layerSizes));
        }

        _offsets = new int[_sizes.Length];
        var total = 0L;
        for (var layer = 0; layer < _sizes.Length; layer++)
        {
            if (_sizes[layer] <= 0)
            {
                throw new ArgumentException(
                    $"Layer {layer} has size {_sizes[layer]}; every layer needs at least one weight.", nameof(layerSizes));
            }

            _offsets[layer] = (int)Math.Min(total, int.MaxValue);
            total += _sizes[layer];
        }

        if (total > Array.MaxLength)
        {
            throw new ArgumentException($"The layers hold {total} weights, more than one mask can address.", nameof(layerSizes));
        }

        TotalLength = (int)total;
        LargestLayer = _sizes.Max();
        LayerSizes = Array.AsReadOnly(_sizes);
    }

    /// <summary>Number of weights in each layer.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>Number of layers.</summary>
    public int LayerCount => _sizes.Length;

    /// <summary>Number of weights over all layers: the mask length.</summary>
    public int TotalLength { get; }

    /// <summary>Number of weights in the largest layer (the size of a buffer that holds any one layer).</summary>
    public int LargestLayer { get; }

    /// <summary>Position of the first bit of <paramref name="layer"/> in the flat mask.</summary>
    public int Offset(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, _sizes.Length);
        return _offsets[layer];
    }

    /// <summary>The layer that holds flat position <paramref name="index"/>.</summary>
    public int LayerOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, TotalLength);
        var found = Array.BinarySearch(_offsets, index);

        // An exact hit is a layer start; otherwise the complement points just past the owning layer.
        return found >= 0 ? found : ~found - 1;
    }

    /// <inheritdoc />
    public bool Equals(MaskLayout? other) =>
        other is not null && (ReferenceEquals(this, other) || _sizes.AsSpan().SequenceEqual(other._sizes));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MaskLayout);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var size in _sizes)
        {
            hash.Add(size);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", _sizes)}] ({TotalLength} weights)";
}
