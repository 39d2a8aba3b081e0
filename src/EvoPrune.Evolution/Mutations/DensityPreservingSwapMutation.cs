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
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(random);
        if (words.Length != MaskPacking.WordCount(layout.TotalLength))
        {
            throw new ArgumentException($"A {layout.TotalLength}-bit mask has {MaskPacking.WordCount(layout.TotalLength)} words, not {words.Length}.", nameof(words));
        }

        ulong[]? mutated = null;
        for (var layer = 0; layer < layout.LayerCount; layer++)
        {
            var offset = layout.Offset(layer);

            // Kept and pruned positions of the layer in increasing order are read by rank in the parent (a layer of
            // LeNet-300-100 holds 235,200 weights and a mutation moves a few hundred of them).
            var rank = new MaskLayerRank(words, offset, layout.LayerSizes[layer]);
            var keptCount = rank.Ones;
            var prunedCount = rank.Length - keptCount;
            if (keptCount == 0 || prunedCount == 0)
            {
                continue;
            }

            Dictionary<int, int>? moved = null;
            var picks = GeneSampling.Pick(keptCount, GeneRate, random);
            var cursor = 0; // The picks come in increasing order: each kept position is found from the last.
            foreach (var k in picks)
            {
                mutated ??= words.ToArray();
                var j = random.NextInt(prunedCount);
                var from = offset + rank.SelectOneAscending(k, ref cursor);
                var to = moved != null && moved.TryGetValue(j, out var taken) ? taken : offset + rank.SelectZero(j);
                MaskWords.Set(mutated, from, false);
                MaskWords.Set(mutated, to, true);

                // The freed position joins the pruned pool in the slot just drawn, so a later move may land on it again.
                (moved ??= new Dictionary<int, int>(picks.Count))[j] = from;
            }
        }

        return mutated;
    }
}
