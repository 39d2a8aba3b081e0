using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Scores a candidate mask the K-starts way: builds the masked network from θ0 (the init key, shared across starts
/// so only the mask differs), trains it for the scoring budget (epochs or <see cref="TrainerOptions.MaxSteps"/>)
/// while accumulating |gradient| per kept weight, then measures F_mag, F_grad and validation accuracy.
/// </summary>
public sealed class MaskScorer
{
    private readonly TrainerOptions _scoring;

    /// <param name="scoring">The brief training of each candidate (the design's E_s, default one epoch).</param>
    public MaskScorer(TrainerOptions scoring)
    {
        ArgumentNullException.ThrowIfNull(scoring);
        scoring.Validate();
        _scoring = scoring;
    }

    /// <summary>Trains <paramref name="masks"/> briefly and returns its scores; the network is discarded.</summary>
    public MaskScore Score(
        ArchitectureSpec architecture,
        IReadOnlyList<string> activations,
        IReadOnlyList<bool[]> masks,
        DeviceData train,
        DeviceData? validation,
        RandomKey initKey,
        RandomKey shuffleKey,
        WeightInit init = WeightInit.Kaiming,
        DissipatingGradientsOptions? refine = null,
        CancellationToken cancellationToken = default)
    {
        using var scored = ScoreAndKeep(architecture, activations, masks, train, validation, initKey, shuffleKey, init, refine, cancellationToken);
        return scored.Score;
    }

    /// <summary>Per-start fitness for <paramref name="criterion"/>; higher is better. Combined z-scores need every start at once.</summary>
    public static double[] Fitness(IReadOnlyList<MaskScore> scores, KStartsCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (criterion != KStartsCriterion.Combined)
        {
            return scores.Select(s => s.Value(criterion)).ToArray();
        }

        var magnitude = ZScores(scores.Select(s => s.WeightMagnitude).ToArray());
        var gradient = ZScores(scores.Select(s => s.GradientAccumulation).ToArray());
        return magnitude.Zip(gradient, (m, g) => (m + g) / 2).ToArray();
    }

    /// <summary>
    /// As <see cref="Score"/>, but hands back the trained network and its training session (the caller disposes the
    /// result) so a start can train on from where it is, optimiser state and minibatch order included. With
    /// <paramref name="refine"/>, dissipating gradients prunes the member from <paramref name="masks"/> to its target
    /// during this training (drift measured from θ0) and the scores are taken over the refined mask, which the network
    /// then holds.
    /// </summary>
    public ScoredMask ScoreAndKeep(
        ArchitectureSpec architecture,
        IReadOnlyList<string> activations,
        IReadOnlyList<bool[]> masks,
        DeviceData train,
        DeviceData? validation,
        RandomKey initKey,
        RandomKey shuffleKey,
        WeightInit init,
        DissipatingGradientsOptions? refine,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(train);
        var network = new MaskedNetwork(architecture, activations, null, initKey, train.Features.device, init);
        var initialStd = Enumerable.Range(0, network.Layers.Count).Select(l => StandardDeviation(network.GetWeights(l))).ToArray();
        network.SetMasks(masks);
        var accumulated = network.PrunableWeights.Select(w => zeros_like(w).detach()).ToArray();
        var pruner = refine == null ? null : new DriftPruner(refine, network, masks, train.Count, _scoring);
        TrainingSession? session = null;
        try
        {
            session = new Trainer(_scoring).Begin(network, train, shuffleKey);
            session.Run(
                _scoring.Epochs,
                afterBackward: step =>
                {
                    pruner?.AfterBackward?.Invoke(step);
                    using var noGrad = no_grad();
                    for (var l = 0; l < accumulated.Length; l++)
                    {
                        if (network.PrunableWeights[l].grad is { } grad)
                        {
                            accumulated[l].add_(grad.abs(), Native.LiveScalars.IntOne);
                        }
                    }
                },
                afterStep: pruner == null ? null : pruner.AfterStep,
                cancellationToken: cancellationToken);

            masks = pruner?.Masks ?? masks;
            double magnitude = 0, gradient = 0;
            var counted = 0;
            for (var l = 0; l < masks.Count; l++)
            {
                var kept = masks[l].Count(b => b);
                if (kept == 0)
                {
                    continue;
                }

                var weights = network.GetWeights(l);
                using var cpu = accumulated[l].cpu();
                var sums = cpu.data<float>().ToArray();
                magnitude += weights.Where((_, j) => masks[l][j]).Sum(w => (double)Math.Abs(w)) / kept / Math.Max(initialStd[l], 1e-12);
                gradient += sums.Where((_, j) => masks[l][j]).Sum(g => (double)g) / kept;
                counted++;
            }

            var accuracy = validation is { Count: > 0 } ? Trainer.Accuracy(network, validation, _scoring.EvalBatchSize) : double.NaN;
            var score = new MaskScore(counted == 0 ? 0 : magnitude / counted, counted == 0 ? 0 : gradient / counted, accuracy, session.Steps) { Sparsity = network.Sparsity };
            return new ScoredMask(score, masks, network, session);
        }
        catch
        {
            session?.Dispose();
            network.Dispose();
            throw;
        }
        finally
        {
            pruner?.Dispose();
            foreach (var tensor in accumulated)
            {
                tensor.Dispose();
            }
        }
    }

    private static double StandardDeviation(float[] values)
    {
        var mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    private static double[] ZScores(double[] values)
    {
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return values.Select(v => std > 0 ? (v - mean) / std : 0).ToArray();
    }
}
