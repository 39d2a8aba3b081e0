using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Mutations;

/// <summary>
/// Moves kept weights within their layer: each kept position is, with probability <see cref="GeneRate"/>, swapped
/// with a uniformly chosen pruned position of the same layer. Every layer keeps exactly its kept count; layers that
/// are fully kept or fully pruned are left alone.
/// </summary>
public sealed class DensityPreservingSwapMutation : IMutation<MaskGenome>
{
    /// <summary>Creates a mutation that moves each kept weight with probability <paramref name="geneRate"/>.</summary>
    public DensityPreservingSwapMutation(double geneRate) => GeneRate = Guard.Probability(geneRate);

    /// <summary>Chance that a kept weight moves.</summary>
    public double GeneRate { get; }

    /// <inheritdoc />
    public MaskGenome Mutate(MaskGenome genome, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        bool[]? bits = null;
        for (var layer = 0; layer < genome.LayerCount; layer++)
        {
            var offset = genome.Layout.Offset(layer);
            var layerBits = genome.LayerBits(layer);
            var keptCount = genome.LayerKeptCount(layer);
            var prunedCount = layerBits.Length - keptCount;
            if (keptCount == 0 || prunedCount == 0)
            {
                continue;
            }

            // The kept and pruned positions of the layer in increasing order are read by rank instead of being listed
            // (a layer of LeNet-300-100 holds 235,200 weights and a mutation moves a few hundred of them).
            var index = new LayerIndex(layerBits);
            Dictionary<int, int>? moved = null;
            var keptCursor = new KeptCursor(layerBits);
            foreach (var k in GeneSampling.Pick(keptCount, GeneRate, random))
            {
                bits ??= genome.Bits.ToArray();
                var j = random.NextInt(prunedCount);
                var from = offset + keptCursor.Select(k);
                var to = moved != null && moved.TryGetValue(j, out var taken) ? taken : offset + index.SelectPruned(j);
                bits[from] = false;
                bits[to] = true;

                // The freed position joins the pruned pool in the slot just drawn, so a later move may land on it again.
                (moved ??= [])[j] = from;
            }
        }

        return bits is null ? genome : genome.Owning(bits);
    }

    // Finds the k-th kept position for increasing k by walking forward, skipping whole blocks with vectorised counts.
    private ref struct KeptCursor(ReadOnlySpan<bool> bits)
    {
        private readonly ReadOnlySpan<bool> _bits = bits;
        private int _position = -1;
        private int _rank = -1;

        public int Select(int k)
        {
            const int Block = 256;
            var start = _position + 1;
            var need = k - _rank;
            while (start + Block <= _bits.Length)
            {
                var ones = _bits.Slice(start, Block).Count(true);
                if (ones >= need)
                {
                    break;
                }

                need -= ones;
                start += Block;
            }

            for (var i = start; i < _bits.Length; i++)
            {
                if (_bits[i] && --need == 0)
                {
                    _position = i;
                    _rank = k;
                    return i;
                }
            }

            throw new InvalidOperationException($"Kept position {k} is past the layer's end.");
        }
    }

    // Pruned positions by rank: zero counts per block, then a scan inside one block.
    private readonly ref struct LayerIndex
    {
        private const int Block = 512;
        private readonly ReadOnlySpan<bool> _bits;
        private readonly int[] _zerosBefore;

        public LayerIndex(ReadOnlySpan<bool> bits)
        {
            _bits = bits;
            var blocks = (bits.Length + Block - 1) / Block;
            _zerosBefore = new int[blocks + 1];
            for (var b = 0; b < blocks; b++)
            {
                var length = Math.Min(Block, bits.Length - (b * Block));
                _zerosBefore[b + 1] = _zerosBefore[b] + length - bits.Slice(b * Block, length).Count(true);
            }
        }

        public int SelectPruned(int j)
        {
            // The last block whose zeros before it are at most j holds the (j+1)-th zero.
            int low = 0, high = _zerosBefore.Length - 2;
            while (low < high)
            {
                var middle = (low + high + 1) / 2;
                if (_zerosBefore[middle] <= j)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            var need = j - _zerosBefore[low];
            for (var i = low * Block; i < _bits.Length; i++)
            {
                if (!_bits[i] && need-- == 0)
                {
                    return i;
                }
            }

            throw new InvalidOperationException($"Pruned position {j} is past the layer's end.");
        }
    }
}
