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
    /// <summary>The raw score for a single-score criterion (<see cref="KStartsCriterion.Combined"/> needs all starts: use <see cref="MaskScorer.Fitness"/>).</summary>
    public double Value(KStartsCriterion criterion) => criterion switch
    {
        KStartsCriterion.WeightMagnitude => WeightMagnitude,
        KStartsCriterion.GradientAccumulation => GradientAccumulation,
        KStartsCriterion.ValidationAccuracy => ValidationAccuracy,
        _ => throw new ArgumentException("The combined fitness is relative to the other starts; use MaskScorer.Fitness.", nameof(criterion)),
    };
}
