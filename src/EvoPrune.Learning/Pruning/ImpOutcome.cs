namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Every level of an IMP run (level 0 is the dense run), the weights survivors were rewound to (θ0 or θk, prunable
/// layers only) and the weights the last level started training from (rewound survivors, zeros elsewhere).
/// </summary>
public sealed record ImpOutcome(IReadOnlyList<PruningOutcome> Levels, IReadOnlyList<float[]> RewindPoint, IReadOnlyList<float[]> LastLevelStart)
{
    /// <summary>The sparsest, last level.</summary>
    public PruningOutcome Final => Levels[^1];
}
