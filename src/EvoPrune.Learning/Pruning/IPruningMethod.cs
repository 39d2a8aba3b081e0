namespace EvoPrune.Learning.Pruning;

/// <summary>
/// A pruning method run end to end on one context: it builds the network from the context's key, prunes it to its
/// target by its own criterion and schedule, trains it with the mask fixed, and reports.
/// </summary>
public interface IPruningMethod
{
    /// <summary>Short name for tables ("random", "magnitude", "snip", ...).</summary>
    string Name { get; }

    /// <summary>The sparsity this method is configured to reach.</summary>
    double TargetSparsity { get; }

    /// <summary>Runs the method; same context and key, same masks and weights on the CPU.</summary>
    PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default);
}
