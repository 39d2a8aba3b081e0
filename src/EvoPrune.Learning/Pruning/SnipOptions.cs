namespace EvoPrune.Learning.Pruning;

/// <summary>Options of <see cref="SnipPruning"/>. The paper keeps the global top-κ from one batch of 100 (MNIST).</summary>
public sealed record SnipOptions
{
    public const int DefaultBatchSize = 100;
    public const int DefaultBatches = 1;

    public required PruningTarget Target { get; init; }

    /// <summary>Samples per sensitivity minibatch.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Minibatches whose gradients are summed before scoring (the paper's Fig. 3 varies |D_b|).</summary>
    public int Batches { get; init; } = DefaultBatches;

    /// <summary>SNIP at a global target, as in the paper.</summary>
    public static SnipOptions Global(double sparsity) => new() { Target = PruningTarget.Global(sparsity) };
}
