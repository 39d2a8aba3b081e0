using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
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
        var childA = new ulong[MaskPacking.WordCount(layout.TotalLength)];
        var childB = new ulong[childA.Length];
        Cross(layout, first, second, random, childA, childB);
        return (childA, childB);
    }

    /// <summary>
    /// The crossover into words the caller provides (for example pooled ones, so a large generation allocates only its
    /// children's wire form): the same children as <see cref="Cross(MaskLayout, ReadOnlySpan{ulong}, ReadOnlySpan{ulong}, IRandomSource)"/>.
    /// Every word of <paramref name="childA"/> and <paramref name="childB"/> is written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Cross(MaskLayout layout, ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second, IRandomSource random, Span<ulong> childA, Span<ulong> childB)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(random);
        var words = MaskPacking.WordCount(layout.TotalLength);
        if (first.Length != words || second.Length != words || childA.Length != words || childB.Length != words)
        {
            throw new ArgumentException($"A {layout.TotalLength}-bit mask has {words} words; the parents have {first.Length} and {second.Length}, the children {childA.Length} and {childB.Length}.", nameof(first));
        }

        first.CopyTo(childA);
        first.CopyTo(childB);

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
                int firstWord = start >> 6, lastWord = (end - 1) >> 6;
                for (var w = firstWord; w <= lastWord; w++)
                {
                    var differ = Differ(first, second, w, firstWord, lastWord, start, end);
                    firstKeeps += BitOperations.PopCount(differ & first[w]);

                    // Both children start clear where the parents disagree; the draw below sets each such bit in one child.
                    childA[w] &= ~differ;
                    childB[w] &= ~differ;
                    for (; differ != 0; differ &= differ - 1)
                    {
                        rented[count++] = (w << 6) + BitOperations.TrailingZeroCount(differ);
                    }
                }

                // A partial Fisher-Yates pass picks a uniform subset of firstKeeps disagreeing positions for child A;
                // child B takes the disagreeing positions child A did not, a word at a time.
                var disagree = rented.AsSpan(0, count);
                random.PartialShuffle(disagree, firstKeeps);
                foreach (var position in disagree[..firstKeeps])
                {
                    childA[position >> 6] |= 1UL << position;
                }

                for (var w = firstWord; w <= lastWord; w++)
                {
                    childB[w] |= Differ(first, second, w, firstWord, lastWord, start, end) & ~childA[w];
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    // The bits of word w where the parents disagree within the layer [start, end) spanning words firstWord..lastWord:
    // only the layer's first and last words can hold another layer's bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Differ(ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second, int w, int firstWord, int lastWord, int start, int end)
    {
        var differ = first[w] ^ second[w];
        return w == firstWord || w == lastWord ? differ & MaskWords.RangeMask(w, start, end) : differ;
    }
}
