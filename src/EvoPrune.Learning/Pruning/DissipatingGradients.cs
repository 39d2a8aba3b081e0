namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Dissipating gradients (Haroon 2022; EvoPrune design §1.4, quota mode): train from θ0 and, at each pruning event
/// of the first epochs, remove the surviving weights that stayed closest to their initial values (or accumulated the
/// least |gradient|) until the scheduled sparsity is reached; the last event lands exactly on the target, after
/// which training continues with the mask fixed for the rest of the context's epochs.
/// </summary>
public sealed class DissipatingGradients : IPruningMethod
{
    private readonly DissipatingGradientsOptions _options;

    public DissipatingGradients(DissipatingGradientsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PruneEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.PruneEverySteps);
        _options = options;
    }

    /// <inheritdoc />
    public string Name => _options.Criterion == DriftCriterion.GradientAccumulation ? "dg-grad" : "dg";

    /// <inheritdoc />
    public double TargetSparsity => _options.Target.Sparsity;

    /// <inheritdoc />
    public PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var network = context.CreateNetwork(null);
        var dense = context.LayerSizes.Select(s => Enumerable.Repeat(true, (int)s).ToArray()).ToArray();
        using var pruner = new DriftPruner(_options, network, dense, context.Train.Count, context.Training);
        var steps = PruningTrainer.Train(
            network,
            context.Train,
            context.Training,
            context.Training.Epochs,
            context.KeyFor("shuffle"),
            afterBackward: pruner.AfterBackward,
            afterStep: pruner.AfterStep,
            cancellationToken: cancellationToken);
        return PruningOutcome.From(Name, context, _options.Target.Sparsity, pruner.Masks, network, steps);
    }
}
