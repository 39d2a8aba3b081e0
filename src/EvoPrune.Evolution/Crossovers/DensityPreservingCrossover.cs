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
        var x = first.Bits;
        var y = second.Bits;
        var childA = x.ToArray();
        var childB = x.ToArray();
        var disagree = new List<int>();
        for (var layer = 0; layer < first.LayerCount; layer++)
        {
            disagree.Clear();
            var firstKeeps = 0;
            var end = first.Layout.Offset(layer) + first.LayerSizes[layer];
            for (var i = first.Layout.Offset(layer); i < end; i++)
            {
                if (x[i] != y[i])
                {
                    disagree.Add(i);
                    firstKeeps += x[i] ? 1 : 0;
                }
            }

            // A partial Fisher-Yates pass picks a uniform subset of firstKeeps disagreeing positions for child A.
            for (var j = 0; j < disagree.Count; j++)
            {
                if (j < firstKeeps)
                {
                    var r = random.NextInt(j, disagree.Count);
                    (disagree[j], disagree[r]) = (disagree[r], disagree[j]);
                }

                childA[disagree[j]] = j < firstKeeps;
                childB[disagree[j]] = j >= firstKeeps;
            }
        }

        return [first.Owning(childA), first.Owning(childB)];
    }
}
