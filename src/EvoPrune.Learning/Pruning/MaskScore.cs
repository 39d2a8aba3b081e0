namespace EvoPrune.Learning.Pruning;

/// <summary>
/// The K-starts scores of one mask after its brief training (see <see cref="KStartsCriterion"/> for the definitions).
/// Plain data: this is what an evaluating silo sends back per genome.
/// </summary>
/// <param name="WeightMagnitude">F_mag.</param>
/// <param name="GradientAccumulation">F_grad.</param>
/// <param name="ValidationAccuracy">Validation top-1 in [0, 1] (NaN without a validation split).</param>
/// <param name="Steps">Optimiser steps of the scoring training.</param>
public sealed record MaskScore(double WeightMagnitude, double GradientAccumulation, double ValidationAccuracy, long Steps)
{
    /// <summary>Fraction of prunable weights masked out after the scoring training (after refinement, if any).</summary>
    public double Sparsity { get; init; }

    /// <summary>
    /// A combined fitness that needs no other starts: ln F_mag + ln F_grad. Rescaling either criterion shifts every
    /// mask's value equally, so the ranking is scale-free as the z-score mean's is, but each mask's value is its own
    /// (the engine scores genomes one at a time on different silos).
    /// </summary>
    public double LogCombined => Math.Log(Math.Max(WeightMagnitude, 1e-300)) + Math.Log(Math.Max(GradientAccumulation, 1e-300));

    /// <summary>The raw score for a single-score criterion (<see cref="KStartsCriterion.Combined"/> needs all starts: use <see cref="MaskScorer.Fitness"/>).</summary>
    public double Value(KStartsCriterion criterion) => criterion switch
    {
        KStartsCriterion.WeightMagnitude => WeightMagnitude,
        KStartsCriterion.GradientAccumulation => GradientAccumulation,
        KStartsCriterion.ValidationAccuracy => ValidationAccuracy,
        _ => throw new ArgumentException("The combined fitness is relative to the other starts; use MaskScorer.Fitness.", nameof(criterion)),
    };
}
