namespace EvoPrune.Learning.Training;

/// <summary>What one training run produced. Accuracies are fractions in [0, 1]; null where that split was not given.</summary>
/// <param name="EpochLosses">Mean training loss of each epoch (a partial last epoch if MaxSteps cut it short).</param>
/// <param name="ValidationAccuracy">Top-1 accuracy on the validation split.</param>
/// <param name="TestAccuracy">Top-1 accuracy on the test split.</param>
/// <param name="KeptWeights">Prunable weights kept by the masks.</param>
/// <param name="TotalWeights">All prunable weights.</param>
/// <param name="KeptMacs">Multiply-accumulates per sample of the kept weights (FLOPs ≈ 2 × this).</param>
/// <param name="DenseMacs">Multiply-accumulates per sample of the dense network.</param>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="WallTime">Time spent training and evaluating.</param>
/// <param name="Device">The device it ran on (cpu, cuda:0).</param>
public sealed record TrainingReport(
    IReadOnlyList<double> EpochLosses,
    double? ValidationAccuracy,
    double? TestAccuracy,
    long KeptWeights,
    long TotalWeights,
    long KeptMacs,
    long DenseMacs,
    long Steps,
    TimeSpan WallTime,
    string Device)
{
    /// <summary>Fraction of prunable weights pruned.</summary>
    public double Sparsity => TotalWeights == 0 ? 0 : 1.0 - ((double)KeptWeights / TotalWeights);

    /// <summary>Dense over kept multiply-accumulates: the theoretical speed-up of the sparse network.</summary>
    public double TheoreticalSpeedup => KeptMacs == 0 ? double.PositiveInfinity : (double)DenseMacs / KeptMacs;

    /// <summary>Mean loss of the last epoch.</summary>
    public double FinalLoss => EpochLosses.Count == 0 ? double.NaN : EpochLosses[^1];
}
