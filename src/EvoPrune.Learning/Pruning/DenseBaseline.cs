namespace EvoPrune.Learning.Pruning;

/// <summary>The unpruned reference: the same network, initial weights and training budget with every weight kept.</summary>
public sealed class DenseBaseline : IPruningMethod
{
    /// <inheritdoc />
    public string Name => "dense";

    /// <inheritdoc />
    public double TargetSparsity => 0;

    /// <inheritdoc />
    public PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var masks = context.LayerSizes.Select(s => Enumerable.Repeat(true, (int)s).ToArray()).ToArray();
        using var network = context.CreateNetwork(null);
        var steps = PruningTrainer.Train(network, context.Train, context.Training, context.Training.Epochs, context.KeyFor("shuffle"), cancellationToken: cancellationToken);
        return PruningOutcome.From(Name, context, 0, masks, network, steps);
    }
}
