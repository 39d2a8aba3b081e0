using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// The child of equally fit parents: their merged genes minus those whose link the child already has or that would
/// close a cycle, with the fitter parent's nodes plus the hidden nodes its kept genes reach. Works in per-thread
/// scratch buffers and allocates only the child's arrays (none for the nodes when they are the fitter parent's).
/// </summary>
internal static class NeatCrossoverAssembly
{
    [ThreadStatic]
    private static Buffers? t_buffers;

    /// <summary>A per-thread buffer of at least <paramref name="length"/> genes for the merge of two parents.</summary>
    public static ConnectionGene[] MergeBuffer(int length) => Buffers.Grow(ref (t_buffers ??= new Buffers()).Merged, length);

    /// <summary>
    /// The child genome of <paramref name="picked"/> (the merged genes, in innovation order). Genes whose link the
    /// fitter parent has go first (so the fitter's structure wins a link both parents hold under different
    /// innovations), then the other parent's extra links, each skipped where it would close a cycle (checked against
    /// everything kept so far; the fitter's own links form a sub-graph of its acyclic graph and need no check).
    /// </summary>
    public static NeatGenome Assemble(NeatGenome fitter, ReadOnlySpan<ConnectionGene> picked, bool feedForward)
    {
        var buffers = t_buffers ??= new Buffers();
        var fitterGenes = fitter.Connections.AsSpan();

        // The fitter parent's links as sorted keys; a gene is "the fitter's link" when its key is found, and each of
        // those keys is taken once (the first gene with it in innovation order).
        var keys = Buffers.Grow(ref buffers.Keys, fitterGenes.Length).AsSpan(0, fitterGenes.Length);
        for (var g = 0; g < fitterGenes.Length; g++)
        {
            keys[g] = Key(fitterGenes[g]);
        }

        keys.Sort();
        var taken = Buffers.Grow(ref buffers.Taken, fitterGenes.Length).AsSpan(0, fitterGenes.Length);
        taken.Clear();
        var keep = Buffers.Grow(ref buffers.Keep, picked.Length).AsSpan(0, picked.Length);
        var position = Buffers.Grow(ref buffers.Position, picked.Length).AsSpan(0, picked.Length);
        var kept = Buffers.Grow(ref buffers.Kept, picked.Length);
        var keptCount = 0;
        for (var g = 0; g < picked.Length; g++)
        {
            position[g] = keys.BinarySearch(Key(picked[g]));
            keep[g] = position[g] >= 0 && !taken[position[g]];
            if (keep[g])
            {
                taken[position[g]] = true;
                kept[keptCount++] = picked[g];
            }
        }

        // The other parent's extra links: distinct from each other and from the fitter's (a genome's links are
        // distinct), so only the cycle check can drop them.
        for (var g = 0; g < picked.Length; g++)
        {
            if (position[g] < 0)
            {
                var gene = picked[g];
                keep[g] = !(feedForward && GenomeGraph.CreatesCycle(kept.AsSpan(0, keptCount), gene.Source, gene.Target));
                if (keep[g])
                {
                    kept[keptCount++] = gene;
                }
            }
        }

        // Kept genes in picked (innovation) order.
        var connections = new ConnectionGene[keptCount];
        var at = 0;
        for (var g = 0; g < picked.Length; g++)
        {
            if (keep[g])
            {
                connections[at++] = picked[g];
            }
        }

        return NeatGenome.FromSortedGenes(fitter.InputCount, fitter.OutputCount, ChildNodes(fitter, connections, buffers), connections);
    }

    // The fitter parent's fixed and hidden nodes (crossover never deletes a node; one whose links were all lost is
    // inert in the phenotype) and every hidden node a kept gene reaches, in id order.
    private static ImmutableArray<NodeGene> ChildNodes(NeatGenome fitter, ConnectionGene[] connections, Buffers buffers)
    {
        var fixedCount = fitter.InputCount + 1 + fitter.OutputCount;
        var fitterHidden = fitter.Nodes.Length - fixedCount;
        var ids = Buffers.Grow(ref buffers.Ids, fitterHidden + (2 * connections.Length));
        var count = 0;
        for (var n = fixedCount; n < fitter.Nodes.Length; n++)
        {
            ids[count++] = fitter.Nodes[n].Id;
        }

        foreach (var c in connections)
        {
            if (c.Source >= fixedCount)
            {
                ids[count++] = c.Source;
            }

            if (c.Target >= fixedCount)
            {
                ids[count++] = c.Target;
            }
        }

        var span = ids.AsSpan(0, count);
        span.Sort();
        var distinct = 0;
        for (var k = 0; k < span.Length; k++)
        {
            if (distinct == 0 || span[k] != span[distinct - 1])
            {
                span[distinct++] = span[k];
            }
        }

        if (distinct == fitterHidden)
        {
            // Every reached hidden node is already the fitter parent's: its node genes are the child's.
            return fitter.Nodes;
        }

        var nodes = new NodeGene[fixedCount + distinct];
        fitter.Nodes.AsSpan(0, fixedCount).CopyTo(nodes);
        for (var k = 0; k < distinct; k++)
        {
            nodes[fixedCount + k] = new NodeGene(span[k], NodeType.Hidden);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(nodes);
    }

    private static long Key(ConnectionGene gene) => ((long)gene.Source << 32) | (uint)gene.Target;

    private sealed class Buffers
    {
        public ConnectionGene[] Merged = [];
        public ConnectionGene[] Kept = [];
        public long[] Keys = [];
        public bool[] Taken = [];
        public bool[] Keep = [];
        public int[] Position = [];
        public int[] Ids = [];

        public static T[] Grow<T>(ref T[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new T[Math.Max(length, 2 * buffer.Length)];
            }

            return buffer;
        }
    }
}
