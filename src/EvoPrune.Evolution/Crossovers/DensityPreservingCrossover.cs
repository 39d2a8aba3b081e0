using System.Buffers;
using System.Numerics;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Crossovers;

/// <summary>
/// Uniform-style crossover for masks that keeps per-layer density. Layer by layer: positions where the parents agree
/// are copied; at the k positions where they disagree, the first parent keeps a weights and the second k − a. The first
/// child keeps a of the k positions chosen uniformly at random, the second child keeps exactly the other k − a. So the
/// first child has the first parent's kept count in every layer, the second child the second parent's, and together
/// the children hold the parents' bits.
/// </summary>
public sealed class DensityPreservingCrossover : ICrossover<MaskGenome>
{
    /// <inheritdoc />
    public int ParentsCount => 2;

    /// <inheritdoc />
    public int ChildrenCount => 2;

    /// <inheritdoc />
    public IReadOnlyList<MaskGenome> Cross(IReadOnlyList<MaskGenome> parents, IRandomSource random)
    {
        var (first, second) = CrossoverGuard.TwoParents(parents, random);
        var (a, b) = Cross(first.Layout, first.ToPackedWords(), second.ToPackedWords(), random);
        return [MaskGenome.FromPackedWords(first.Layout, a), MaskGenome.FromPackedWords(first.Layout, b)];
    }

    /// <summary>
    /// The crossover on masks packed into words (<see cref="MaskWords"/>): the same children, bit for bit, for the same
    /// random stream, without unpacking the parents.
    /// </summary>
    public static (ulong[] First, ulong[] Second) Cross(MaskLayout layout, ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(random);
        var words = MaskPacking.WordCount(layout.TotalLength);
        if (first.Length != words || second.Length != words)
        {
            throw new ArgumentException($"A {layout.TotalLength}-bit mask has {words} words; the parents have {first.Length} and {second.Length}.", nameof(first));
        }

        var childA = first.ToArray();
        var childB = first.ToArray();

        // One pooled buffer for the disagreeing positions of every layer: a LeNet layer has tens of thousands, and a
        // growing list of them would land on the large object heap for every pair bred.
        var rented = ArrayPool<int>.Shared.Rent(layout.LargestLayer);
        try
        {
            for (var layer = 0; layer < layout.LayerCount; layer++)
            {
                var count = 0;
                var firstKeeps = 0;
                var start = layout.Offset(layer);
                var end = start + layout.LayerSizes[layer];
                for (var w = start >> 6; w <= (end - 1) >> 6; w++)
                {
                    var differ = (first[w] ^ second[w]) & MaskWords.RangeMask(w, start, end);
                    firstKeeps += BitOperations.PopCount(differ & first[w]);

                    // Both children start clear where the parents disagree; the draw below sets each such bit in one child.
                    childA[w] &= ~differ;
                    childB[w] &= ~differ;
                    for (; differ != 0; differ &= differ - 1)
                    {
                        rented[count++] = (w << 6) + BitOperations.TrailingZeroCount(differ);
                    }
                }

                // A partial Fisher-Yates pass picks a uniform subset of firstKeeps disagreeing positions for child A.
                var disagree = rented.AsSpan(0, count);
                for (var j = 0; j < disagree.Length; j++)
                {
                    if (j < firstKeeps)
                    {
                        var r = random.NextInt(j, disagree.Length);
                        (disagree[j], disagree[r]) = (disagree[r], disagree[j]);
                    }

                    var position = disagree[j];
                    (j < firstKeeps ? childA : childB)[position >> 6] |= 1UL << (position & 63);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }

        return (childA, childB);
    }
}
