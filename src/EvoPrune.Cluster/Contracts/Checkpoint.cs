namespace EvoPrune.Cluster.Contracts;

/// <summary>Everything needed to continue a run after <see cref="Generation"/>: every population and the history so far.</summary>
public sealed record Checkpoint(
    string RunId,
    int Generation,
    IReadOnlyList<PopulationSnapshot> Populations,
    IReadOnlyList<GenerationSummary> History);
