namespace EvoPrune.Learning.Pruning;

/// <summary>Which fitness K-starts ranks briefly trained masks by (design §1.4 step 4).</summary>
public enum KStartsCriterion
{
    /// <summary>F_mag: mean over layers of mean kept |w| over the std of that layer's θ0.</summary>
    WeightMagnitude,

    /// <summary>F_grad: mean over layers of mean kept Σ_t |g_t|.</summary>
    GradientAccumulation,

    /// <summary>F_both: mean of the z-scores of F_mag and F_grad across the starts compared.</summary>
    Combined,

    /// <summary>Top-1 accuracy on the validation split after the scoring training.</summary>
    ValidationAccuracy,
}
