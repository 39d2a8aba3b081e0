using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Training;

/// <summary>
/// Trains every member of a <see cref="StackedMaskedMlp"/> at once: one forward pass of batched matrix products, the
/// sum of the members' mean cross-entropy losses (so each member's gradient is exactly its own), one optimiser over the
/// stacked parameters. SGD (momentum, weight decay) and Adam act element by element, so member p follows the same
/// trajectory as <see cref="Trainer"/> training it alone with the same options, init key and shuffle key, up to float
/// rounding of the batched products. A member whose loss becomes NaN/inf is reported as diverged; the others go on.
/// </summary>
public sealed class PopulationTrainer
{
    private readonly TrainerOptions _options;
    private readonly TimeProvider _time;

    public PopulationTrainer(TrainerOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Trains the stack on <paramref name="train"/> (member p's minibatches in the order of <paramref name="shuffleKeys"/>[p]),
    /// then measures every member's accuracy on the other splits. One outcome per member, in order.
    /// </summary>
    public IReadOnlyList<PopulationOutcome> Train(
        StackedMaskedMlp stack,
        DeviceData train,
        DeviceData? validation,
        DeviceData? test,
        IReadOnlyList<RandomKey> shuffleKeys,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(train);
        var started = _time.GetTimestamp();
        var (losses, steps, failures) = Fit(stack, train, shuffleKeys, cancellationToken);
        var validationAccuracy = validation is { Count: > 0 } ? Accuracy(stack, validation, _options.EvalBatchSize) : null;
        var testAccuracy = test is { Count: > 0 } ? Accuracy(stack, test, _options.EvalBatchSize) : null;
        var wall = _time.GetElapsedTime(started);
        var device = stack.Device.ToString();
        return Enumerable.Range(0, stack.Population).Select(p => failures[p] != null
            ? new PopulationOutcome(null, failures[p])
            : new PopulationOutcome(
                new TrainingReport(losses[p], validationAccuracy?[p], testAccuracy?[p], stack.KeptWeights[p], stack.TotalWeights, stack.KeptMacs[p], stack.DenseMacs, steps, wall, device),
                null)).ToArray();
    }

    /// <summary>The training loop: per member, the mean loss of each epoch and a failure message if it diverged; and the step count.</summary>
    public (IReadOnlyList<double>[] EpochLosses, long Steps, string?[] Failures) Fit(
        StackedMaskedMlp stack, DeviceData train, IReadOnlyList<RandomKey> shuffleKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(shuffleKeys);
        var population = stack.Population;
        if (shuffleKeys.Count != population)
        {
            throw new ArgumentException($"Expected one shuffle key per member ({population}), got {shuffleKeys.Count}.", nameof(shuffleKeys));
        }

        // One shared order (all members of a sparse-mask run) lets every member read the same minibatch tensor.
        var shared = shuffleKeys.All(k => k == shuffleKeys[0]);
        var losses = Enumerable.Range(0, population).Select(_ => new List<double>()).ToArray();
        var failures = new string?[population];
        var lossSums = new double[population];
        var features = train.Features.shape[1];
        long step = 0;
        using var optimizer = CreateOptimizer(stack);
        for (var epoch = 0; epoch < _options.Epochs && !StepBudgetSpent(step); epoch++)
        {
            using var order = shared
                ? tensor(Trainer.Permutation(train.Count, EpochKey(shuffleKeys[0], epoch)), device: stack.Device)
                : StackOrders(shuffleKeys, train.Count, epoch, stack.Device);
            Array.Clear(lossSums);
            var batches = 0;
            for (var start = 0; start < train.Count && !StepBudgetSpent(step); start += _options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = Math.Min(_options.BatchSize, train.Count - start);
                float[] values;
                using (var scope = NewDisposeScope())
                {
                    var index = order.narrow(-1, start, length);
                    Tensor x, y;
                    if (shared)
                    {
                        x = train.Features.index_select(0, index);
                        y = train.Labels.index_select(0, index).repeat(population);
                    }
                    else
                    {
                        var flat = index.reshape(-1);
                        x = train.Features.index_select(0, flat).view(population, length, features);
                        y = train.Labels.index_select(0, flat);
                    }

                    optimizer.ZeroGrad();
                    var logits = stack.Forward(x);
                    var perMember = nn.functional.cross_entropy(logits.reshape(population * length, -1), y, reduction: nn.Reduction.None)
                        .view(population, length).mean([1]);
                    perMember.sum().backward();
                    stack.MaskGradients();
                    optimizer.Step();
                    stack.ApplyMasks();
                    values = perMember.detach().cpu().data<float>().ToArray();
                }

                for (var p = 0; p < population; p++)
                {
                    if (failures[p] == null && !float.IsFinite(values[p]))
                    {
                        failures[p] = $"Training loss became {values[p]} at epoch {epoch + 1}, step {step + 1} (learning rate {_options.LearningRate}).";
                    }

                    lossSums[p] += values[p];
                }

                batches++;
                step++;
            }

            for (var p = 0; p < population; p++)
            {
                losses[p].Add(batches == 0 ? double.NaN : lossSums[p] / batches);
            }
        }

        return (losses, step, failures);
    }

    /// <summary>Each member's top-1 accuracy on <paramref name="data"/>, without gradients.</summary>
    public static double[] Accuracy(StackedMaskedMlp stack, DeviceData data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(data);
        using var noGrad = no_grad();
        var correct = new long[stack.Population];
        for (var start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, data.Count - start);
            var predicted = stack.Forward(data.Features.narrow(0, start, length)).argmax(2);
            var hits = predicted.eq(data.Labels.narrow(0, start, length).unsqueeze(0)).sum([1]).cpu().data<long>().ToArray();
            for (var p = 0; p < hits.Length; p++)
            {
                correct[p] += hits[p];
            }
        }

        return correct.Select(c => data.Count == 0 ? 0 : (double)c / data.Count).ToArray();
    }

    private static RandomKey EpochKey(RandomKey key, int epoch) => key.WithPurpose($"{key.Purpose}/epoch{epoch}");

    // [P, N]: member p's permutation of the training set for this epoch (the same one Trainer draws for its key).
    private static Tensor StackOrders(IReadOnlyList<RandomKey> keys, int count, int epoch, Device device)
    {
        var all = new long[keys.Count * count];
        for (var p = 0; p < keys.Count; p++)
        {
            Array.Copy(Trainer.Permutation(count, EpochKey(keys[p], epoch)), 0, all, p * count, count);
        }

        return tensor(all, [keys.Count, count], device: device);
    }

    private bool StepBudgetSpent(long step) => _options.MaxSteps > 0 && step >= _options.MaxSteps;

    private ParameterOptimizer CreateOptimizer(StackedMaskedMlp stack) => ParameterOptimizer.Create(_options, stack.Parameters());
}
