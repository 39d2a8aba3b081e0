using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Iterative magnitude pruning with rewinding (Frankle and Carbin 2019; OpenLTH's <c>lottery</c>): train, remove the
/// smallest-|w| share of the surviving weights (per layer or globally, see <see cref="ImpOptions"/>), reset the
/// survivors to their values at the rewind point, and repeat. <see cref="RandomReinitialisation"/> is the paper's
/// control: the same mask trained from a fresh draw of initial weights.
/// </summary>
public sealed class IterativeMagnitudePruning : IPruningMethod
{
    private readonly ImpOptions _options;

    public IterativeMagnitudePruning(ImpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <inheritdoc />
    public string Name => _options.RewindStep > 0 ? $"imp-rewind{_options.RewindStep}" : "imp";

    /// <inheritdoc />
    public double TargetSparsity => _options.Target?.Sparsity ?? double.NaN;

    /// <inheritdoc />
    public PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default) => RunLevels(context, cancellationToken).Final;

    /// <summary>Runs every level; each level trains for the context's epochs.</summary>
    public ImpOutcome RunLevels(PruningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = ImpSchedule.Plan(context.Architecture, _options);
        using var network = context.CreateNetwork(null);
        var rewind = _options.RewindStep == 0 ? WeightSnapshot.Capture(network) : null;
        var masks = context.LayerSizes.Select(s => Enumerable.Repeat(true, (int)s).ToArray()).ToArray();
        var levels = new List<PruningOutcome>();
        IReadOnlyList<float[]> levelStart = [];
        for (var level = 0; level <= _options.Rounds; level++)
        {
            if (level > 0)
            {
                masks = Prune(network, plan, level, masks);
                network.SetMasks(masks);
                rewind!.Restore(network);
                levelStart = Enumerable.Range(0, network.Layers.Count).Select(network.GetWeights).ToArray();
            }

            var steps = PruningTrainer.Train(
                network,
                context.Train,
                context.Training,
                context.Training.Epochs,
                context.KeyFor($"shuffle/level{level}"),
                afterStep: level == 0 && _options.RewindStep > 0 ? s => rewind = s == _options.RewindStep ? WeightSnapshot.Capture(network) : rewind : null,
                cancellationToken: cancellationToken);
            if (rewind == null)
            {
                throw new InvalidOperationException($"Rewind step {_options.RewindStep} lies beyond the {steps} steps of a level.");
            }

            var sparsity = 1.0 - ((double)masks.Sum(m => m.LongCount(b => b)) / masks.Sum(m => (long)m.Length));
            levels.Add(PruningOutcome.From($"{Name}-level{level}", context, sparsity, masks.Select(m => (bool[])m.Clone()).ToArray(), network, steps));
        }

        var rewindPoint = Enumerable.Range(0, network.Layers.Count).Select(l => rewind!.LayerWeights(network, l)).ToArray();
        return new ImpOutcome(levels, rewindPoint, levelStart);
    }

    /// <summary>The control: <paramref name="masks"/> trained from fresh initial weights (stream "reinit{index}").</summary>
    public static PruningOutcome RandomReinitialisation(PruningContext context, IReadOnlyList<bool[]> masks, int index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(masks);
        using var network = context.CreateNetwork(masks, $"reinit{index}");
        var steps = PruningTrainer.Train(network, context.Train, context.Training, context.Training.Epochs, context.KeyFor($"shuffle/reinit{index}"), cancellationToken: cancellationToken);
        return PruningOutcome.From($"imp-reinit{index}", context, network.Sparsity, masks, network, steps);
    }

    private static bool[][] Prune(MaskedNetwork network, ImpPlan plan, int level, bool[][] masks)
    {
        var magnitudes = Scores.Magnitudes(network);
        var next = masks.Select(m => (bool[])m.Clone()).ToArray();
        foreach (var group in plan.Groups)
        {
            var selected = TopKSelection.SelectGlobal(group.Layers.Select(l => magnitudes[l]).ToArray(), group.Kept[level], group.Layers.Select(l => masks[l]).ToArray());
            for (var i = 0; i < group.Layers.Length; i++)
            {
                next[group.Layers[i]] = selected[i];
            }
        }

        return next;
    }
}
