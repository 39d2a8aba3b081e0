using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Plugins;

/// <summary>
/// An evaluator that can measure several genomes of one run at once (e.g. training same-shape networks as one stacked
/// population). Workers that lease more than one item hand them over together; evaluators without it get them one by one.
/// </summary>
public interface IBatchGenomeEvaluator : IGenomeEvaluator
{
    /// <summary>The most items it evaluates together; at 1 the worker uses <see cref="IGenomeEvaluator.Evaluate"/> only.</summary>
    int MaxBatch { get; }

    /// <summary>
    /// Evaluates <paramref name="items"/> and returns one report per item, in order. A genome that fails gets a failure
    /// report; an exception fails the whole batch (the worker then evaluates the items one by one).
    /// </summary>
    IReadOnlyList<FitnessReport> EvaluateBatch(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken);
}
