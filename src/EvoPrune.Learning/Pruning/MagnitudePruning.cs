namespace EvoPrune.Learning.Pruning;

/// <summary>
/// One-shot magnitude pruning after training (ShrinkBench's LayerMagWeight / GlobalMagWeight): train dense for the
/// context's epochs, keep the largest |w| to the target, then fine-tune for E epochs with the mask fixed.
/// </summary>
public sealed class MagnitudePruning : IPruningMethod
{
    private readonly MagnitudePruningOptions _options;

    public MagnitudePruning(MagnitudePruningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.FineTuneEpochs);
        _options = options;
    }

    /// <inheritdoc />
    public string Name => _options.Target.Scope == PruningScope.Global ? "magnitude-global" : "magnitude";

    /// <inheritdoc />
    public double TargetSparsity => _options.Target.Sparsity;

    /// <inheritdoc />
    public PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var network = context.CreateNetwork(null);
        var steps = PruningTrainer.Train(network, context.Train, context.Training, context.Training.Epochs, context.KeyFor("shuffle"), cancellationToken: cancellationToken);
        var masks = TopKSelection.Select(Scores.Magnitudes(network), _options.Target);
        network.SetMasks(masks);
        steps += PruningTrainer.Train(network, context.Train, context.Training, _options.FineTuneEpochs, context.KeyFor("shuffle/finetune"), cancellationToken: cancellationToken);
        return PruningOutcome.From(Name, context, _options.Target.Sparsity, masks, network, steps);
    }
}
