namespace EvoPrune.Cluster.Contracts;

/// <summary>
/// A generation's evaluations, as the work queue hands them to the coordinator when the last report is in:
/// the reports, and how long the generation's evaluations kept workers busy (first lease to last report).
/// </summary>
[GenerateSerializer, Immutable, Alias("evoprune.generation-done")]
public sealed record GenerationDone(
    [property: Id(0)] int Generation,
    [property: Id(1)] IReadOnlyList<FitnessReport> Reports,
    [property: Id(2)] double EvaluationSeconds);
