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
    /// minibatch steps, as one <see cref="TrainingSession"/> run start to finish. <paramref name="afterBackward"/> runs
    /// once gradients are computed and masked (they are readable there); <paramref name="afterStep"/> runs after each
    /// optimiser step, outside the step's dispose scope, so masks it sets outlive the step. Both get the number of
    /// steps taken so far. Returns the mean loss per epoch and the step count.
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
        using var session = Begin(network, train, shuffleKey);
        var losses = session.Run(epochs ?? _options.Epochs, afterBackward, afterStep, progress, cancellationToken);
        return (losses, session.Steps);
    }

    /// <summary>
    /// Starts a training run that can stop and go on: its optimiser (with its momentum or moments), the epoch counter
    /// that keys minibatch order and the step count persist between <see cref="TrainingSession.Run"/> calls, so a
    /// run of a epochs followed by one of b epochs trains exactly as a + b epochs in one go.
    /// </summary>
    public TrainingSession Begin(MaskedNetwork network, DeviceData train, RandomKey shuffleKey)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        return new TrainingSession(_options, network, train, shuffleKey, CreateOptimizer(network));
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

    private ParameterOptimizer CreateOptimizer(MaskedNetwork network) => ParameterOptimizer.Create(_options, network.parameters());

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
