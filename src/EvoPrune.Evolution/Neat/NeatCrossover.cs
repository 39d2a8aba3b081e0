using System.Collections.Immutable;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// Crossover aligned on innovation numbers (paper §3.2): matching genes come from either parent at random;
/// disjoint and excess genes come from the fitter parent, or from both when fitness is equal. A gene disabled in
/// either parent is disabled in the child with <see cref="NeatSettings.DisabledInheritanceProbability"/>.
/// Genes whose link the child already has (same endpoints, different innovation from another generation), or that
/// would close a cycle in feed-forward mode, are skipped, so every child is a valid genome.
/// </summary>
public static class NeatCrossover
{
    /// <summary>
    /// The child of <paramref name="fitter"/> and <paramref name="other"/>; pass <paramref name="equalFitness"/> when
    /// neither is fitter.
    /// </summary>
    public static NeatGenome Cross(NeatGenome fitter, NeatGenome other, bool equalFitness, NeatSettings settings, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(fitter);
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        if (fitter.InputCount != other.InputCount || fitter.OutputCount != other.OutputCount)
        {
            throw new ArgumentException("Parents must have the same inputs and outputs.", nameof(other));
        }

        var a = fitter.Connections.AsSpan();
        var b = other.Connections.AsSpan();
        var picked = new ConnectionGene[equalFitness ? a.Length + b.Length : a.Length];
        var count = 0;
        var average = settings.CrossoverAveragingProbability > 0 && random.NextBool(settings.CrossoverAveragingProbability);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i < a.Length && j < b.Length && a[i].Innovation == b[j].Innovation)
            {
                var gene = random.NextBool() ? a[i] : b[j];
                if (average)
                {
                    gene = gene.WithWeight(0.5 * (a[i].Weight + b[j].Weight));
                }

                var disabled = !a[i].Enabled || !b[j].Enabled;
                var enabled = settings.DisabledRuleOnMatchingGenesOnly
                    ? gene.Enabled && !(disabled && random.NextBool(settings.DisabledInheritanceProbability))
                    : !disabled || !random.NextBool(settings.DisabledInheritanceProbability);
                picked[count++] = gene.WithEnabled(enabled);
                i++;
                j++;
            }
            else if (j >= b.Length || (i < a.Length && a[i].Innovation < b[j].Innovation))
            {
                picked[count++] = Inherit(a[i++], settings, random);
            }
            else
            {
                var gene = b[j++];
                if (equalFitness)
                {
                    picked[count++] = Inherit(gene, settings, random);
                }
            }
        }

        if (!equalFitness)
        {
            // Every gene is the fitter parent's (a matching gene has its innovation, hence its link): the child has
            // its links, all distinct and acyclic where the parent's are, in innovation order, and its nodes.
            return NeatGenome.FromSortedGenes(fitter.InputCount, fitter.OutputCount, fitter.Nodes, picked);
        }

        return Assemble(fitter, [.. picked.AsSpan(0, count)], settings.FeedForward);
    }

    private static ConnectionGene Inherit(ConnectionGene gene, NeatSettings settings, IRandomSource random) =>
        gene.Enabled || settings.DisabledRuleOnMatchingGenesOnly ? gene : gene.WithEnabled(!random.NextBool(settings.DisabledInheritanceProbability));

    private static NeatGenome Assemble(NeatGenome fitter, List<ConnectionGene> picked, bool feedForward)
    {
        // Genes whose link the fitter parent has form a sub-graph of its (acyclic) graph, so only the other
        // parent's extra links need the cycle check, and they are checked after all of the fitter's are in.
        var fitterLinks = fitter.Connections.Select(c => (c.Source, c.Target)).ToHashSet();
        var links = new HashSet<(int, int)>();
        var kept = new List<ConnectionGene>(picked.Count);
        var nodeIds = new SortedSet<int>();
        foreach (var gene in picked.Where(g => fitterLinks.Contains((g.Source, g.Target))).Concat(picked.Where(g => !fitterLinks.Contains((g.Source, g.Target)))))
        {
            var fromFitter = fitterLinks.Contains((gene.Source, gene.Target));
            if (links.Contains((gene.Source, gene.Target)) || (feedForward && !fromFitter && GenomeGraph.CreatesCycle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept), gene.Source, gene.Target)))
            {
                continue;
            }

            links.Add((gene.Source, gene.Target));
            kept.Add(gene);
            nodeIds.Add(gene.Source);
            nodeIds.Add(gene.Target);
        }

        kept.Sort((x, y) => x.Innovation.CompareTo(y.Innovation));

        var fixedCount = fitter.InputCount + 1 + fitter.OutputCount;
        var nodes = ImmutableArray.CreateBuilder<NodeGene>();
        nodes.AddRange(fitter.Nodes.Take(fixedCount));
        foreach (var id in nodeIds)
        {
            if (id >= fixedCount)
            {
                nodes.Add(new NodeGene(id, NodeType.Hidden));
            }
        }

        // Hidden nodes whose links were all lost still belong to the fitter parent's structure; keep them so
        // crossover never deletes a node (they are inert in the phenotype).
        foreach (var node in fitter.Nodes.Skip(fixedCount))
        {
            if (!nodeIds.Contains(node.Id))
            {
                nodes.Add(node);
            }
        }

        nodes.Sort((x, y) => x.Id.CompareTo(y.Id));
        return new NeatGenome(fitter.InputCount, fitter.OutputCount, nodes.ToImmutable(), [.. kept]);
    }
}
