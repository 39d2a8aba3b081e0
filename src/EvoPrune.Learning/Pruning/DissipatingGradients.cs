using EvoPrune.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Dissipating gradients (Haroon 2022; EvoPrune design §1.4, quota mode): train from θ0 and, at each pruning event
/// of the first epochs, remove the surviving weights that stayed closest to their initial values (or accumulated the
/// least |gradient|) until the scheduled sparsity is reached; the last event lands exactly on the target, after
/// which training continues with the mask fixed for the rest of the context's epochs.
/// </summary>
public sealed class DissipatingGradients : IPruningMethod
{
    private readonly DissipatingGradientsOptions _options;

    public DissipatingGradients(DissipatingGradientsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PruneEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.PruneEverySteps);
        _options = options;
    }

    /// <inheritdoc />
    public string Name => _options.Criterion == DriftCriterion.GradientAccumulation ? "dg-grad" : "dg";

    /// <inheritdoc />
    public double TargetSparsity => _options.Target.Sparsity;

    /// <inheritdoc />
    public PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var network = context.CreateNetwork(null);
        var initial = Enumerable.Range(0, network.Layers.Count).Select(network.GetWeights).ToArray();
        var masks = context.LayerSizes.Select(s => Enumerable.Repeat(true, (int)s).ToArray()).ToArray();
        var accumulated = _options.Criterion == DriftCriterion.GradientAccumulation
            ? network.PrunableWeights.Select(w => zeros_like(w).detach()).ToArray()
            : [];
        try
        {
            var perEpoch = PruningTrainer.StepsPerEpoch(context.Train.Count, context.Training);
            var pruneSteps = perEpoch * Math.Min(_options.PruneEpochs, context.Training.Epochs);
            if (context.Training.MaxSteps > 0)
            {
                pruneSteps = Math.Min(pruneSteps, context.Training.MaxSteps);
            }

            var interval = _options.PruneEverySteps > 0 ? _options.PruneEverySteps : perEpoch;
            void Accumulate(long step)
            {
                using var noGrad = no_grad();
                for (var l = 0; l < accumulated.Length; l++)
                {
                    if (network.PrunableWeights[l].grad is { } grad)
                    {
                        accumulated[l].add_(grad.abs());
                    }
                }
            }

            void PruneIfDue(long step)
            {
                if (step > pruneSteps || (step % interval != 0 && step != pruneSteps))
                {
                    return;
                }

                var done = (double)step / pruneSteps;
                var target = _options.Target with
                {
                    Sparsity = _options.SparsityAt(done, _options.Target.Sparsity),
                    LayerSparsities = _options.Target.LayerSparsities?.Select(s => _options.SparsityAt(done, s)).ToArray(),
                };
                masks = TopKSelection.Select(Score(network, initial, accumulated), target, masks);
                network.SetMasks(masks);
            }

            var steps = PruningTrainer.Train(
                network,
                context.Train,
                context.Training,
                context.Training.Epochs,
                context.KeyFor("shuffle"),
                afterBackward: accumulated.Length > 0 ? Accumulate : null,
                afterStep: PruneIfDue,
                cancellationToken: cancellationToken);
            return PruningOutcome.From(Name, context, _options.Target.Sparsity, masks, network, steps);
        }
        finally
        {
            foreach (var tensor in accumulated)
            {
                tensor.Dispose();
            }
        }
    }

    private float[][] Score(MaskedNetwork network, float[][] initial, Tensor[] accumulated)
    {
        if (accumulated.Length > 0)
        {
            return accumulated.Select(a =>
            {
                using var cpu = a.cpu();
                return cpu.data<float>().ToArray();
            }).ToArray();
        }

        var epsilon = (float)_options.Epsilon;
        var relative = _options.Criterion == DriftCriterion.RelativeDrift;
        return Enumerable.Range(0, network.Layers.Count).Select(l =>
        {
            var now = network.GetWeights(l);
            var start = initial[l];
            var score = new float[now.Length];
            for (var j = 0; j < now.Length; j++)
            {
                var drift = MathF.Abs(now[j] - start[j]);
                score[j] = relative ? drift / (MathF.Abs(start[j]) + epsilon) : drift;
            }

            return score;
        }).ToArray();
    }
}
