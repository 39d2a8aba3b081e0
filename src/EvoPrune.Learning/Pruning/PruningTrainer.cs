using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// <see cref="Trainer.Fit"/> with the two hooks the pruning methods need: one after the backward pass (gradients are
/// readable and already masked) and one after each optimiser step (masks may be changed there; the optimiser keeps
/// its state).
/// </summary>
internal static class PruningTrainer
{
    /// <summary>Trains for <paramref name="epochs"/> epochs (or the options' step limit); returns the steps taken.</summary>
    public static long Train(
        MaskedNetwork network,
        DeviceData train,
        TrainerOptions options,
        int epochs,
        RandomKey shuffleKey,
        Action<long>? afterBackward = null,
        Action<long>? afterStep = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Trainer(options).Fit(network, train, shuffleKey, epochs, afterBackward, afterStep, cancellationToken: cancellationToken).Steps;
    }

    /// <summary>Optimiser steps in one epoch over <paramref name="count"/> samples.</summary>
    public static long StepsPerEpoch(int count, TrainerOptions options) => (count + options.BatchSize - 1) / options.BatchSize;

}
