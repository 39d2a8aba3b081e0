using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Static random pruning at initialisation (the "random dropout" baseline): a uniformly random mask with exactly
/// the target's kept counts, drawn from the context's "mask" stream, then trained with the mask fixed.
/// </summary>
public sealed class RandomPruning : IPruningMethod
{
    private readonly PruningTarget _target;

    public RandomPruning(PruningTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
    }

    /// <inheritdoc />
    public string Name => _target.Scope == PruningScope.Global ? "random-global" : "random";

    /// <inheritdoc />
    public double TargetSparsity => _target.Sparsity;

    /// <summary>
    /// A random mask with exactly the target's kept counts: per layer, or k positions uniform over all layers.
    /// </summary>
    public static bool[][] DrawMasks(IReadOnlyList<long> layerSizes, PruningTarget target, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(random);
        target.Validate(layerSizes);
        var masks = layerSizes.Select(s => new bool[s]).ToArray();
        if (target.Scope == PruningScope.Global)
        {
            var offsets = new long[layerSizes.Count + 1];
            for (var i = 0; i < layerSizes.Count; i++)
            {
                offsets[i + 1] = offsets[i] + layerSizes[i];
            }

            foreach (var position in Sample((int)offsets[^1], (int)target.KeptTotal(layerSizes), random))
            {
                var layer = Array.BinarySearch(offsets, (long)position);
                layer = layer >= 0 ? layer : ~layer - 1;
                while (offsets[layer + 1] <= position)
                {
                    layer++;
                }

                masks[layer][position - offsets[layer]] = true;
            }

            return masks;
        }

        var kept = target.KeptPerLayer(layerSizes);
        for (var layer = 0; layer < masks.Length; layer++)
        {
            foreach (var position in Sample(masks[layer].Length, (int)kept[layer], random))
            {
                masks[layer][position] = true;
            }
        }

        return masks;
    }

    /// <inheritdoc />
    public PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var masks = DrawMasks(context.LayerSizes, _target, RandomSources.For(context.KeyFor("mask")));
        using var network = context.CreateNetwork(masks);
        var steps = PruningTrainer.Train(network, context.Train, context.Training, context.Training.Epochs, context.KeyFor("shuffle"), cancellationToken: cancellationToken);
        return PruningOutcome.From(Name, context, _target.Sparsity, masks, network, steps);
    }

    // A partial Fisher-Yates shuffle: the first k slots are a uniform k-subset of [0, n).
    private static IEnumerable<int> Sample(int n, int k, IRandomSource random)
    {
        var positions = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < k; i++)
        {
            var j = random.NextInt(i, n);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }

        return positions.Take(k);
    }
}
