using System.Runtime.CompilerServices;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        // Unequal parents: the child is exactly as long as the fitter parent and owns this array. Equal parents: the
        // merge goes to a per-thread scratch buffer that Assemble filters into the child's array.
        var picked = equalFitness ? NeatCrossoverAssembly.MergeBuffer(a.Length + b.Length) : new ConnectionGene[a.Length];
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

        if (count == a.Length)
        {
            // Equal parents without an extra gene of the other's (often one genome twice, or clones): again every
            // gene is the fitter's, so nothing can clash or close a cycle.
            return NeatGenome.FromSortedGenes(fitter.InputCount, fitter.OutputCount, fitter.Nodes, picked.AsSpan(0, count).ToArray());
        }

        return NeatCrossoverAssembly.Assemble(fitter, picked.AsSpan(0, count), settings.FeedForward);
    }

    private static ConnectionGene Inherit(ConnectionGene gene, NeatSettings settings, IRandomSource random) =>
        gene.Enabled || settings.DisabledRuleOnMatchingGenesOnly ? gene : gene.WithEnabled(!random.NextBool(settings.DisabledInheritanceProbability));
}
