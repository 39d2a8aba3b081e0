using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// The training loop of <see cref="Trainer"/> (same minibatch order, masking and divergence check) with two hooks the
/// pruning methods need: one after the backward pass (gradients are readable and already masked) and one after each
/// optimiser step (masks may be changed there; the optimiser keeps its state).
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
        long step = 0;
        network.train();
        using var optimizer = options.Optimizer == OptimizerKind.Adam
            ? optim.Adam(network.parameters(), options.LearningRate, weight_decay: options.WeightDecay)
            : (optim.Optimizer)optim.SGD(network.parameters(), options.LearningRate, options.Momentum, weight_decay: options.WeightDecay);
        for (var epoch = 0; epoch < epochs && !Spent(options, step); epoch++)
        {
            var order = new long[train.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            RandomSources.For(shuffleKey.WithPurpose($"{shuffleKey.Purpose}/epoch{epoch}")).Shuffle(order);
            using var orderTensor = tensor(order, device: network.Device);
            for (var start = 0; start < train.Count && !Spent(options, step); start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // The hook after the step runs outside the step's dispose scope: tensors it makes (new masks) must outlive it.
                using (var scope = NewDisposeScope())
                {
                    var index = orderTensor.narrow(0, start, Math.Min(options.BatchSize, train.Count - start));
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(network.call(train.Features.index_select(0, index)), train.Labels.index_select(0, index));
                    loss.backward();
                    network.MaskGradients();
                    afterBackward?.Invoke(step + 1);
                    optimizer.step();
                    network.ApplyMasks();
                    var value = loss.item<float>();
                    if (!float.IsFinite(value))
                    {
                        throw new TrainingDivergedException($"Training loss became {value} at epoch {epoch + 1}, step {step + 1} (learning rate {options.LearningRate}).");
                    }
                }

                step++;
                afterStep?.Invoke(step);
            }
        }

        return step;
    }

    /// <summary>Optimiser steps in one epoch over <paramref name="count"/> samples.</summary>
    public static long StepsPerEpoch(int count, TrainerOptions options) => (count + options.BatchSize - 1) / options.BatchSize;

    private static bool Spent(TrainerOptions options, long step) => options.MaxSteps > 0 && step >= options.MaxSteps;
}
