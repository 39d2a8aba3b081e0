using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Training;

/// <summary>
/// One network's training, resumable between calls (<see cref="Trainer.Begin"/>): epoch e of the whole session draws
/// its minibatch order from <c>{shuffle key}/epoch{e}</c>, and the optimiser's state carries over, so stopping after
/// some epochs (to score or prune the network) and going on later is the same as never stopping. K-starts relies on
/// this: a start trained on after its scoring epochs ends exactly where random pruning of its mask would.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly TrainerOptions _options;
    private readonly MaskedNetwork _network;
    private readonly DeviceData _train;
    private readonly RandomKey _shuffleKey;
    private readonly ParameterOptimizer _optimizer;
    private readonly long _startMaskVersion;
    private bool _reapplyMasks;

    internal TrainingSession(TrainerOptions options, MaskedNetwork network, DeviceData train, RandomKey shuffleKey, ParameterOptimizer optimizer)
    {
        _options = options;
        _network = network;
        _train = train;
        _shuffleKey = shuffleKey;
        _optimizer = optimizer;
        _startMaskVersion = network.MaskVersion;
    }

    /// <summary>The network being trained.</summary>
    public MaskedNetwork Network => _network;

    /// <summary>Epochs completed (or cut short by the step budget) so far.</summary>
    public int EpochsDone { get; private set; }

    /// <summary>Optimiser steps taken so far; <see cref="TrainerOptions.MaxSteps"/> counts against this total.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// Trains <paramref name="epochs"/> more epochs (cut short by MaxSteps) and returns their mean losses. The hooks
    /// are those of <see cref="Trainer.Fit"/> and get the session's step count. Throws
    /// <see cref="TrainingDivergedException"/> if the loss becomes NaN or infinite.
    /// </summary>
    public IReadOnlyList<double> Run(
        int epochs,
        Action<long>? afterBackward = null,
        Action<long>? afterStep = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        var losses = new List<double>();
        var stepsPerEpoch = (_train.Count + _options.BatchSize - 1) / _options.BatchSize;
        var lastEpoch = EpochsDone + epochs;
        _network.train();
        for (; EpochsDone < lastEpoch && !StepBudgetSpent(); EpochsDone++)
        {
            var epoch = EpochsDone;
            var order = Trainer.Permutation(_train.Count, _shuffleKey.WithPurpose($"{_shuffleKey.Purpose}/epoch{epoch}"));
            using var orderTensor = tensor(order, device: _network.Device);
            double lossSum = 0;
            var batches = 0;
            for (var start = 0; start < _train.Count && !StepBudgetSpent(); start += _options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = Math.Min(_options.BatchSize, _train.Count - start);
                float value;
                using (var scope = NewDisposeScope())
                {
                    var index = orderTensor.narrow(0, start, length);
                    var x = _train.Features.index_select(0, index);
                    var y = _train.Labels.index_select(0, index);

                    _optimizer.ZeroGrad();
                    var loss = nn.functional.cross_entropy(_network.call(x), y);
                    loss.backward();
                    _network.MaskGradients();
                    afterBackward?.Invoke(Steps + 1);
                    _optimizer.Step();
                    // Masked gradients keep pruned weights at exactly zero under SGD and Adam, as long as the masks
                    // are the ones the optimiser started with; once a hook has changed them, the momentum of a newly
                    // pruned weight would move it, so from then on every step re-zeroes.
                    _reapplyMasks |= _network.MaskVersion != _startMaskVersion;
                    if (_reapplyMasks)
                    {
                        _network.ApplyMasks();
                    }

                    value = loss.item<float>();
                }

                if (!float.IsFinite(value))
                {
                    throw new TrainingDivergedException($"Training loss became {value} at epoch {epoch + 1}, step {Steps + 1} (learning rate {_options.LearningRate}).");
                }

                lossSum += value;
                batches++;
                Steps++;
                afterStep?.Invoke(Steps);
                if (progress != null && (Steps % 20 == 0 || start + length >= _train.Count))
                {
                    progress.Report(new TrainingProgress(epoch + 1, lastEpoch, Steps, stepsPerEpoch, lossSum / batches));
                }
            }

            losses.Add(batches == 0 ? double.NaN : lossSum / batches);
        }

        return losses;
    }

    /// <summary>Disposes the optimiser (not the network, which the caller owns).</summary>
    public void Dispose() => _optimizer.Dispose();

    private bool StepBudgetSpent() => _options.MaxSteps > 0 && Steps >= _options.MaxSteps;
}
