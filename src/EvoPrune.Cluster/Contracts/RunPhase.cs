namespace EvoPrune.Cluster.Contracts;

/// <summary>Where a run stands.</summary>
public enum RunPhase
{
    NotStarted,
    Breeding,
    Evaluating,
    Completed,
    Stopped,
    Failed,
}
