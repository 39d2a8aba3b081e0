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

/// <summary>What a <see cref="RunPhase"/> says.</summary>
public static class RunPhases
{
    /// <summary>Whether a run in <paramref name="phase"/> has ended: completed, stopped or failed.</summary>
    public static bool IsFinished(this RunPhase phase) => phase is RunPhase.Completed or RunPhase.Stopped or RunPhase.Failed;
}
