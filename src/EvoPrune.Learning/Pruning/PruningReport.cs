using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// One pruned network measured the ShrinkBench way: compression over all parameters (weights and biases, counting
/// the nonzero ones), theoretical speed-up over linear and conv multiply-accumulates (each layer's dense MACs times its
/// weight density), and top-1 accuracy on the test split. Plain data, so it can travel between silos.
/// </summary>
/// <param name="Method">Name of the pruning method ("dense" for the unpruned baseline).</param>
/// <param name="Seed">The run seed.</param>
/// <param name="TargetSparsity">The sparsity asked for.</param>
/// <param name="Sparsity">Fraction of prunable weights masked out.</param>
/// <param name="TotalParameters">All parameters, biases included.</param>
/// <param name="NonZeroParameters">Parameters that are not exactly zero after training.</param>
/// <param name="DenseMacs">Multiply-accumulates per sample of the dense network.</param>
/// <param name="KeptMacs">Multiply-accumulates per sample of the kept weights.</param>
/// <param name="TopOneAccuracy">Test accuracy (null without a test split).</param>
/// <param name="ValidationAccuracy">Validation accuracy (null without a validation split).</param>
/// <param name="Steps">Optimiser steps over every phase of the method.</param>
public sealed record PruningReport(
    string Method,
    ulong Seed,
    double TargetSparsity,
    double Sparsity,
    long TotalParameters,
    long NonZeroParameters,
    long DenseMacs,
    long KeptMacs,
    double? TopOneAccuracy,
    double? ValidationAccuracy,
    long Steps)
{
    /// <summary>All parameters over the nonzero ones.</summary>
    public double CompressionRatio => NonZeroParameters == 0 ? double.PositiveInfinity : (double)TotalParameters / NonZeroParameters;

    /// <summary>Dense over kept multiply-accumulates.</summary>
    public double TheoreticalSpeedup => KeptMacs == 0 ? double.PositiveInfinity : (double)DenseMacs / KeptMacs;

    /// <summary>Measures <paramref name="network"/> as it is now (evaluating on the context's validation and test splits).</summary>
    public static PruningReport Measure(string method, PruningContext context, double targetSparsity, MaskedNetwork network, long steps)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(network);
        long total = 0;
        long nonZero = 0;
        foreach (var parameter in network.parameters())
        {
            total += parameter.numel();
            nonZero += parameter.count_nonzero().item<long>();
        }

        var batch = context.Training.EvalBatchSize;
        return new PruningReport(
            method,
            context.Key.Seed,
            targetSparsity,
            network.Sparsity,
            total,
            nonZero,
            network.DenseMacs,
            network.KeptMacs,
            context.Test is { Count: > 0 } test ? Trainer.Accuracy(network, test, batch) : null,
            context.Validation is { Count: > 0 } validation ? Trainer.Accuracy(network, validation, batch) : null,
            steps);
    }
}
