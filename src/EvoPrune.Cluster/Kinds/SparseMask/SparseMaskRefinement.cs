using EvoPrune.Learning.Pruning;

namespace EvoPrune.Cluster.Kinds.SparseMask;

/// <summary>
/// Dissipating-gradients refinement of K-starts members (the combination): a member's genome is a mask at the
/// search density; while it trains, the weights that drifted least from θ0 are removed on a schedule until the mask
/// keeps <see cref="Density"/>. Fitness is measured on the refined network; the genome (what is bred) stays the
/// unrefined mask, and the winner's final training repeats the same refinement.
/// </summary>
public sealed record SparseMaskRefinement
{
    /// <summary>Fraction of prunable weights kept after refinement (below the genome's density).</summary>
    public double Density { get; init; } = 0.05;

    /// <summary>Epochs over which the refinement reaches its density (capped at the training's epochs).</summary>
    public int Epochs { get; init; } = 1;

    public DriftCriterion Criterion { get; init; } = DriftCriterion.RelativeDrift;

    /// <summary>Optimiser steps between pruning events (0: once per epoch).</summary>
    public int EverySteps { get; init; }
}
