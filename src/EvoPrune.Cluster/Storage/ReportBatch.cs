using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Storage;

/// <summary>Reports of one generation, as the work queue writes them behind the run (several generations per write).</summary>
public sealed record ReportBatch(int Generation, IReadOnlyList<FitnessReport> Reports);
