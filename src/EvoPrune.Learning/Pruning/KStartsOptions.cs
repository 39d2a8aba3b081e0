namespace EvoPrune.Learning.Pruning;

/// <summary>Options of <see cref="KStartsSearch"/>: k random masks at the target, each trained for the scoring epochs.</summary>
public sealed record KStartsOptions
{
    public const int DefaultStarts = 5;
    public const int DefaultScoringEpochs = 1;

    public required PruningTarget Target { get; init; }

    /// <summary>k, the number of random masks compared.</summary>
    public int Starts { get; init; } = DefaultStarts;

    /// <summary>Epochs each start trains before it is scored (E_s); the winner then trains on for the rest of the budget.</summary>
    public int ScoringEpochs { get; init; } = DefaultScoringEpochs;

    public KStartsCriterion Criterion { get; init; } = KStartsCriterion.Combined;

    /// <summary>Draw θ0 per start instead of sharing one (the design's --per-start-init).</summary>
    public bool PerStartInit { get; init; }

    /// <summary>
    /// The combination with dissipating gradients: starts are drawn at <see cref="Target"/> (the intermediate
    /// sparsity) and refined during their scoring training to this option's target, so the winner is chosen after
    /// refinement and reaches the final sparsity (null: plain K-starts).
    /// </summary>
    public DissipatingGradientsOptions? Refine { get; init; }

    /// <summary>
    /// The selection control: after the winner is chosen, every start (not only the winner) trains on to the full
    /// budget along the winner's path and its test accuracy is reported (<see cref="KStartsOutcome.StartTestAccuracies"/>).
    /// Without refinement the k starts are k independent draws of random pruning at the same budget, so their mean is
    /// random pruning's expected accuracy for this θ0 and data; either way the winner minus the mean of the starts is
    /// what the selection bought. Costs k
    /// final trainings instead of one; the winner's outcome is the same with or without it. Needs a test split.
    /// </summary>
    public bool TrainEveryStart { get; init; }

    /// <summary>The sparsity the winner ends at.</summary>
    public double FinalSparsity => Refine?.Target.Sparsity ?? Target.Sparsity;
}
