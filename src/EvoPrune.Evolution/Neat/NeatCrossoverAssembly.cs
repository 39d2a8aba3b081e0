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

        // Which of the fitter parent's genes holds each picked gene's link: a gene with one of its innovations is that
        // gene (an innovation names one link); one of the other parent's may still repeat a fitter link under an
        // innovation of another generation. Each fitter link is taken once, by its first gene in innovation order.
        var taken = Buffers.Grow(ref buffers.Taken, fitterGenes.Length).AsSpan(0, fitterGenes.Length);
        taken.Clear();
        var keep = Buffers.Grow(ref buffers.Keep, picked.Length).AsSpan(0, picked.Length);
        var holder = Buffers.Grow(ref buffers.Holder, picked.Length).AsSpan(0, picked.Length);
        var kept = Buffers.Grow(ref buffers.Kept, picked.Length);
        var keptCount = 0;
        var next = 0;
        for (var g = 0; g < picked.Length; g++)
        {
            var gene = picked[g];
            holder[g] = next < fitterGenes.Length && fitterGenes[next].Innovation == gene.Innovation ? next++ : FitterLink(fitterGenes, gene);
            keep[g] = holder[g] >= 0 && !taken[holder[g]];
            if (keep[g])
            {
                taken[holder[g]] = true;
                kept[keptCount++] = gene;
            }
        }

        // The other parent's extra links: distinct from each other and from the fitter's (a genome's links are
        // distinct), so only the cycle check can drop them.
        var extraNodes = false;
        for (var g = 0; g < picked.Length; g++)
        {
            if (holder[g] < 0)
            {
                var gene = picked[g];
                keep[g] = !(feedForward && GenomeGraph.CreatesCycle(kept.AsSpan(0, keptCount), gene.Source, gene.Target));
                if (keep[g])
                {
                    kept[keptCount++] = gene;
                    extraNodes |= !fitter.ContainsNode(gene.Source) || !fitter.ContainsNode(gene.Target);
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

        // Only the other parent's extra links can reach a node the fitter parent lacks.
        var nodes = extraNodes ? ChildNodes(fitter, connections, buffers) : fitter.Nodes;
        return NeatGenome.FromSortedGenes(fitter.InputCount, fitter.OutputCount, nodes, connections);
    }

    // The index of the fitter parent's gene with `gene`'s link, or -1.
    private static int FitterLink(ReadOnlySpan<ConnectionGene> fitterGenes, ConnectionGene gene)
    {
        for (var k = 0; k < fitterGenes.Length; k++)
        {
            if (fitterGenes[k].Source == gene.Source && fitterGenes[k].Target == gene.Target)
            {
                return k;
            }
        }

        return -1;
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

        var nodes = new NodeGene[fixedCount + distinct];
        fitter.Nodes.AsSpan(0, fixedCount).CopyTo(nodes);
        for (var k = 0; k < distinct; k++)
        {
            nodes[fixedCount + k] = new NodeGene(span[k], NodeType.Hidden);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(nodes);
    }

    private sealed class Buffers
    {
        public ConnectionGene[] Merged = [];
        public ConnectionGene[] Kept = [];
        public bool[] Taken = [];
        public bool[] Keep = [];
        public int[] Holder = [];
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
