using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Plugins;

/// <summary>
/// Measures genomes of one run on one silo. Created once per run per silo, so it may keep data on its device.
/// Evaluate runs on a worker thread, outside any grain call, and may take minutes.
/// </summary>
public interface IGenomeEvaluator : IDisposable
{
    /// <summary>Evaluates one genome; exceptions become failure reports in the worker.</summary>
    FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken);
}
