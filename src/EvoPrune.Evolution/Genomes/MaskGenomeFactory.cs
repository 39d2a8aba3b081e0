using System.Runtime.CompilerServices;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Genomes;

/// <summary>
/// Random masks with an exact kept count per layer: round(density × layer size) weights (midpoint away from zero),
/// at positions drawn uniformly without replacement. Every genome it makes has the same per-layer densities.
/// </summary>
public sealed class MaskGenomeFactory : IGenomeFactory<MaskGenome>
{
    private readonly int[] _keptPerLayer;

    /// <summary>Masks that keep the fraction <paramref name="density"/> of every layer.</summary>
    public MaskGenomeFactory(MaskLayout layout, double density)
        : this(layout, Enumerable.Repeat(density, layout?.LayerCount ?? 0).ToArray())
    {
    }

    /// <summary>Masks that keep the fraction <paramref name="layerDensities"/>[l] of layer l.</summary>
    /// <exception cref="ArgumentException">The density count is not the layer count, or a density is outside [0, 1].</exception>
    public MaskGenomeFactory(MaskLayout layout, IReadOnlyList<double> layerDensities)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(layerDensities);
        if (layerDensities.Count != layout.LayerCount)
        {
            throw new ArgumentException(
                $"{layerDensities.Count} densities were given for {layout.LayerCount} layers.", nameof(layerDensities));
        }

        Layout = layout;
        _keptPerLayer = new int[layout.LayerCount];
        for (var layer = 0; layer < _keptPerLayer.Length; layer++)
        {
            var density = Guard.Probability(layerDensities[layer], nameof(layerDensities));
            _keptPerLayer[layer] = (int)Math.Round(density * layout.LayerSizes[layer], MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>The layout of the masks made.</summary>
    public MaskLayout Layout { get; }

    /// <summary>Number of weights each mask keeps in <paramref name="layer"/>.</summary>
    public int KeptCount(int layer) => _keptPerLayer[layer];

    /// <inheritdoc />
    public MaskGenome Create(IRandomSource random) => MaskGenome.FromPackedWords(Layout, CreatePackedWords(random));

    /// <summary>
    /// The mask <see cref="Create"/> makes from the same random stream, packed into words (<see cref="MaskWords"/>):
    /// the bits are set in place, so a large population's first generation allocates one small array per genome.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ulong[] CreatePackedWords(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var words = new ulong[MaskPacking.WordCount(Layout.TotalLength)];

        // One rented index array for every layer: a layer of LeNet holds hundreds of thousands of weights, and a fresh
        // array per layer per genome lands on the large object heap.
        var rented = System.Buffers.ArrayPool<int>.Shared.Rent(Layout.LargestLayer);
        try
        {
            for (var layer = 0; layer < _keptPerLayer.Length; layer++)
            {
                var offset = Layout.Offset(layer);
                var positions = rented.AsSpan(0, Layout.LayerSizes[layer]);
                for (var i = 0; i < positions.Length; i++)
                {
                    positions[i] = offset + i;
                }

                // A partial Fisher-Yates shuffle: the first k slots end up a uniform k-subset of the layer.
                random.PartialShuffle(positions, _keptPerLayer[layer]);
                foreach (var position in positions[.._keptPerLayer[layer]])
                {
                    MaskWords.Set(words, position, true);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }

        return words;
    }
}
