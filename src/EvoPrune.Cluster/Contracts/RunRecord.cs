namespace EvoPrune.Cluster.Contracts;

/// <summary>The coordinator's durable state: the spec, the phase, and why it failed if it did.</summary>
public sealed record RunRecord(RunSpec Spec, RunPhase Phase, string? Error, DateTimeOffset Submitted)
{
    /// <summary>W3C trace context of the run's root span; every generation span of the run is its child.</summary>
    public string? TraceParent { get; init; }
}
