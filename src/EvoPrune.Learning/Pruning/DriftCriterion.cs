namespace EvoPrune.Learning.Pruning;

/// <summary>What "stays close to its initial value" means to <see cref="DissipatingGradients"/>: weights with the lowest score go first.</summary>
public enum DriftCriterion
{
    /// <summary>|θ(t) − θ(0)| / (|θ(0)| + ε): the design's r_i, "within a fraction of the initial value".</summary>
    RelativeDrift,

    /// <summary>|θ(t) − θ(0)|.</summary>
    AbsoluteDrift,

    /// <summary>Σ_t |g_t| over the steps so far.</summary>
    GradientAccumulation,
}
