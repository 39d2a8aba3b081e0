using EvoPrune.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// The pruning half of dissipating gradients, as training hooks: it remembers the network's weights when it is made
/// (θ0), optionally accumulates |gradient| after every backward pass, and at each due optimiser step removes the
/// surviving weights that drifted least (or accumulated least), following the options' schedule from the start masks'
/// sparsity to the target; the last event of the pruning phase lands exactly on the target. Used by
/// <see cref="DissipatingGradients"/> (from a dense start) and by K-starts members refined from a sparser start.
/// </summary>
public sealed class DriftPruner : IDisposable
{
    private readonly DissipatingGradientsOptions _options;
    private readonly MaskedNetwork _network;
    private readonly float[][] _initial;
    private readonly Tensor[] _accumulated;
    private readonly double _startSparsity;
    private readonly double[] _startLayerSparsities;
    private readonly long _pruneSteps;
    private readonly long _interval;

    /// <param name="options">Target, criterion, schedule and event spacing.</param>
    /// <param name="network">The network being trained; its current weights are θ0 for the drift and its masks are replaced at each event.</param>
    /// <param name="startMasks">The masks training starts from (all true for plain dissipating gradients).</param>
    /// <param name="trainCount">Training samples (to count steps per epoch).</param>
    /// <param name="training">The training run the pruner hooks into.</param>
    public DriftPruner(DissipatingGradientsOptions options, MaskedNetwork network, IReadOnlyList<bool[]> startMasks, int trainCount, Training.TrainerOptions training)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(startMasks);
        ArgumentNullException.ThrowIfNull(training);
        _options = options;
        _network = network;
        Masks = startMasks.Select(m => (bool[])m.Clone()).ToArray();
        var kept = Masks.Sum(m => m.LongCount(b => b));
        var total = Masks.Sum(m => (long)m.Length);
        _startSparsity = 1.0 - ((double)kept / total);
        _startLayerSparsities = Masks.Select(m => 1.0 - ((double)m.Count(b => b) / m.Length)).ToArray();
        if (_startSparsity > options.Target.Sparsity + 1e-12)
        {
            throw new ArgumentException($"The start masks are already sparser ({_startSparsity:P2}) than the target ({options.Target.Sparsity:P2}).", nameof(startMasks));
        }

        _initial = Enumerable.Range(0, network.Layers.Count).Select(network.GetWeights).ToArray();
        _accumulated = options.Criterion == DriftCriterion.GradientAccumulation
            ? network.PrunableWeights.Select(w => zeros_like(w).detach()).ToArray()
            : [];
        var perEpoch = PruningTrainer.StepsPerEpoch(trainCount, training);
        _pruneSteps = perEpoch * Math.Min(options.PruneEpochs, training.Epochs);
        if (training.MaxSteps > 0)
        {
            _pruneSteps = Math.Min(_pruneSteps, training.MaxSteps);
        }

        _interval = options.PruneEverySteps > 0 ? options.PruneEverySteps : perEpoch;
    }

    /// <summary>The masks now in force (the target's after the last pruning event).</summary>
    public bool[][] Masks { get; private set; }

    /// <summary>The after-backward hook (null unless the criterion accumulates gradients).</summary>
    public Action<long>? AfterBackward => _accumulated.Length > 0 ? Accumulate : null;

    /// <summary>The after-step hook: prunes when an event is due.</summary>
    public void AfterStep(long step)
    {
        if (step > _pruneSteps || (step % _interval != 0 && step != _pruneSteps))
        {
            return;
        }

        var done = (double)step / _pruneSteps;
        var target = _options.Target with
        {
            Sparsity = _options.SparsityAt(done, _options.Target.Sparsity, _startSparsity),
            LayerSparsities = _options.Target.LayerSparsities?.Select((s, l) => _options.SparsityAt(done, s, _startLayerSparsities[l])).ToArray(),
        };

        // Per layer without explicit rates, every layer follows the overall schedule from its own start.
        if (target.Scope == PruningScope.PerLayer && target.LayerSparsities == null && _startLayerSparsities.Any(s => s > 0))
        {
            target = target with { LayerSparsities = _startLayerSparsities.Select(s => _options.SparsityAt(done, _options.Target.Sparsity, s)).ToArray() };
        }

        Masks = TopKSelection.Select(Score(), target, Masks);
        _network.SetMasks(Masks);
    }

    public void Dispose()
    {
        foreach (var tensor in _accumulated)
        {
            tensor.Dispose();
        }
    }

    private void Accumulate(long step)
    {
        using var noGrad = no_grad();
        for (var l = 0; l < _accumulated.Length; l++)
        {
            if (_network.PrunableWeights[l].grad is { } grad)
            {
                _accumulated[l].add_(grad.abs(), Native.LiveScalars.IntOne);
            }
        }
    }

    private float[][] Score()
    {
        if (_accumulated.Length > 0)
        {
            return _accumulated.Select(a =>
            {
                using var cpu = a.cpu();
                return cpu.data<float>().ToArray();
            }).ToArray();
        }

        var epsilon = (float)_options.Epsilon;
        var relative = _options.Criterion == DriftCriterion.RelativeDrift;
        return Enumerable.Range(0, _network.Layers.Count).Select(l =>
        {
            var now = _network.GetWeights(l);
            var start = _initial[l];
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
