using System.Diagnostics;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Training;

/// <summary>
/// Minibatch training of a <see cref="MaskedNetwork"/> with cross-entropy loss. Deterministic on the CPU: minibatch
/// order comes from the <see cref="RandomKey"/> given (one stream per epoch), initial weights from the network's key.
/// Every step runs in its own dispose scope, so memory stays flat however long it trains.
/// </summary>
public sealed class Trainer
{
    private readonly TrainerOptions _options;
    private readonly TimeProvider _time;

    public Trainer(TrainerOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Trains <paramref name="network"/> on <paramref name="train"/>, then measures accuracy on the other splits.
    /// Throws <see cref="TrainingDivergedException"/> if the loss becomes NaN or infinite.
    /// </summary>
    public TrainingReport Train(
        MaskedNetwork network,
        DeviceData train,
        DeviceData? validation,
        DeviceData? test,
        RandomKey shuffleKey,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        var started = _time.GetTimestamp();
        var (losses, step) = Fit(network, train, shuffleKey, progress: progress, cancellationToken: cancellationToken);

        var validationAccuracy = validation is { Count: > 0 } ? Accuracy(network, validation, _options.EvalBatchSize) : (double?)null;
        var testAccuracy = test is { Count: > 0 } ? Accuracy(network, test, _options.EvalBatchSize) : (double?)null;
        return new TrainingReport(
            losses,
            validationAccuracy,
            testAccuracy,
            network.KeptWeights,
            network.TotalWeights,
            network.KeptMacs,
            network.DenseMacs,
            step,
            _time.GetElapsedTime(started),
            network.Device.ToString());
    }

    /// <summary>
    /// The training loop alone: <paramref name="epochs"/> epochs (default: the options' epochs, cut short by MaxSteps) of
    /// minibatch steps. <paramref name="afterBackward"/> runs once gradients are computed and masked (they are readable
    /// there); <paramref name="afterStep"/> runs after each optimiser step, outside the step's dispose scope, so masks
    /// it sets outlive the step. Both get the number of steps taken so far. Returns the mean loss per epoch and the
    /// step count.
    /// </summary>
    public (IReadOnlyList<double> EpochLosses, long Steps) Fit(
        MaskedNetwork network,
        DeviceData train,
        RandomKey shuffleKey,
        int? epochs = null,
        Action<long>? afterBackward = null,
        Action<long>? afterStep = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        var epochCount = epochs ?? _options.Epochs;
        var losses = new List<double>();
        var stepsPerEpoch = (train.Count + _options.BatchSize - 1) / _options.BatchSize;
        long step = 0;

        network.train();
        using var optimizer = CreateOptimizer(network);
        var startMaskVersion = network.MaskVersion;
        var reapplyMasks = false;
        for (var epoch = 0; epoch < epochCount && !StepBudgetSpent(step); epoch++)
        {
            var order = Permutation(train.Count, shuffleKey.WithPurpose($"{shuffleKey.Purpose}/epoch{epoch}"));
            using var orderTensor = tensor(order, device: network.Device);
            double lossSum = 0;
            var batches = 0;
            for (var start = 0; start < train.Count && !StepBudgetSpent(step); start += _options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = Math.Min(_options.BatchSize, train.Count - start);
                float value;
                using (var scope = NewDisposeScope())
                {
                    var index = orderTensor.narrow(0, start, length);
                    var x = train.Features.index_select(0, index);
                    var y = train.Labels.index_select(0, index);

                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(network.call(x), y);
                    loss.backward();
                    network.MaskGradients();
                    afterBackward?.Invoke(step + 1);
                    optimizer.step();
                    // Masked gradients keep pruned weights at exactly zero under SGD and Adam, as long as the masks
                    // are the ones the optimiser started with; once a hook has changed them, the momentum of a newly
                    // pruned weight would move it, so from then on every step re-zeroes.
                    reapplyMasks |= network.MaskVersion != startMaskVersion;
                    if (reapplyMasks)
                    {
                        network.ApplyMasks();
                    }
                    value = loss.item<float>();
                }

                if (!float.IsFinite(value))
                {
                    throw new TrainingDivergedException($"Training loss became {value} at epoch {epoch + 1}, step {step + 1} (learning rate {_options.LearningRate}).");
                }

                lossSum += value;
                batches++;
                step++;
                afterStep?.Invoke(step);
                if (progress != null && (step % 20 == 0 || start + length >= train.Count))
                {
                    progress.Report(new TrainingProgress(epoch + 1, epochCount, step, stepsPerEpoch, lossSum / batches));
                }
            }

            losses.Add(batches == 0 ? double.NaN : lossSum / batches);
        }

        return (losses, step);
    }

    /// <summary>Top-1 accuracy of <paramref name="network"/> on <paramref name="data"/>, in evaluation mode and without gradients.</summary>
    public static double Accuracy(MaskedNetwork network, DeviceData data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        network.eval();
        using var noGrad = no_grad();
        long correct = 0;
        for (var start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, data.Count - start);
            var predicted = network.call(data.Features.narrow(0, start, length)).argmax(1);
            correct += predicted.eq(data.Labels.narrow(0, start, length)).sum().item<long>();
        }

        network.train();
        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }

    private bool StepBudgetSpent(long step) => _options.MaxSteps > 0 && step >= _options.MaxSteps;

    private optim.Optimizer CreateOptimizer(MaskedNetwork network) => _options.Optimizer switch
    {
        OptimizerKind.Adam => optim.Adam(network.parameters(), _options.LearningRate, weight_decay: _options.WeightDecay),
        _ => optim.SGD(network.parameters(), _options.LearningRate, _options.Momentum, weight_decay: _options.WeightDecay),
    };

    internal static long[] Permutation(int count, RandomKey key)
    {
        var order = new long[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        RandomSources.For(key).Shuffle(order);
        return order;
    }
}
