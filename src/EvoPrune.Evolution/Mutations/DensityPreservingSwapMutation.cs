using System.Runtime.CompilerServices;
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
        var mutated = Mutate(genome.Layout, genome.ToPackedWords(), random);
        return mutated is null ? genome : MaskGenome.FromPackedWords(genome.Layout, mutated);
    }

    /// <summary>
    /// The mutation on a mask packed into words (<see cref="MaskWords"/>): the same moves, bit for bit, for the same
    /// random stream. Returns null when nothing moved.
    /// </summary>
    public ulong[]? Mutate(MaskLayout layout, ReadOnlySpan<ulong> words, IRandomSource random)
    {
        var mutated = words.ToArray();
        return MutateInPlace(layout, mutated, random) ? mutated : null;
    }

    /// <summary>
    /// <see cref="Mutate(MaskLayout, ReadOnlySpan{ulong}, IRandomSource)"/> on words the caller owns, changed in place:
    /// the same moves for the same random stream, without a copy of the mask. Returns whether anything moved.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MutateInPlace(MaskLayout layout, Span<ulong> words, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(random);
        if (words.Length != MaskPacking.WordCount(layout.TotalLength))
        {
            throw new ArgumentException($"A {layout.TotalLength}-bit mask has {MaskPacking.WordCount(layout.TotalLength)} words, not {words.Length}.", nameof(words));
        }

        var changed = false;
        var scratch = System.Buffers.ArrayPool<int>.Shared.Rent(MaskLayerRank.ScratchLength(layout.LargestLayer));
        try
        {
            for (var layer = 0; layer < layout.LayerCount; layer++)
            {
                changed |= MutateLayer(layout, layer, words, random, scratch);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(scratch);
        }

        return changed;
    }

    // One layer's moves, drawn against the layer as it was and then applied; whether any weight moved.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool MutateLayer(MaskLayout layout, int layer, Span<ulong> words, IRandomSource random, int[] scratch)
    {
        var offset = layout.Offset(layer);

        // Kept and pruned positions of the layer in increasing order are read by rank in the layer as it was before
        // the mutation (a layer of LeNet-300-100 holds 235,200 weights and a mutation moves a few hundred of them),
        // so the moves are applied once all of the layer's are drawn. The rank sees only this layer's bits, so an
        // earlier layer's moves in a word both share change nothing here.
        var rank = new MaskLayerRank(words, offset, layout.LayerSizes[layer], scratch);
        var keptCount = rank.Ones;
        var prunedCount = rank.Length - keptCount;
        if (keptCount == 0 || prunedCount == 0)
        {
            return false;
        }

        // Every pick's pruned slot is drawn first, in the picks' order (the draws do not depend on the moves), so the
        // slots are found in one ascending pass over the layer instead of a search each. A slot drawn again holds the
        // position the earlier move freed: the pruned pool keeps its size, and a later move may land there.
        var picks = GeneSampling.Pick(keptCount, GeneRate, random);
        var n = picks.Count;
        if (n == 0)
        {
            return false;
        }

        var slots = System.Buffers.ArrayPool<long>.Shared.Rent(n);
        var moves = System.Buffers.ArrayPool<int>.Shared.Rent(2 * n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                slots[i] = ((long)random.NextInt(prunedCount) << 32) | (uint)i; // slot, then the pick's place
            }

            var from = moves.AsSpan(0, n);
            var to = moves.AsSpan(n, n);
            var cursor = 0; // The picks come in increasing order: each kept position is found from the last.
            for (var i = 0; i < n; i++)
            {
                from[i] = offset + rank.SelectOneAscending(picks[i], ref cursor);
            }

            var bySlot = slots.AsSpan(0, n);
            bySlot.Sort();
            cursor = 0;
            for (var s = 0; s < n; s++)
            {
                var slot = (int)(bySlot[s] >> 32);
                var pick = (int)(uint)bySlot[s];
                to[pick] = s > 0 && (int)(bySlot[s - 1] >> 32) == slot
                    ? from[(int)(uint)bySlot[s - 1]] // drawn before (by an earlier pick): the position that pick freed
                    : offset + rank.SelectZeroAscending(slot, ref cursor);
            }

            for (var i = 0; i < n; i++)
            {
                MaskWords.Set(words, from[i], false);
                MaskWords.Set(words, to[i], true);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(slots);
            System.Buffers.ArrayPool<int>.Shared.Return(moves);
        }

        return true;
    }
}
