using EvoPrune.Data;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Neat;

/// <summary>Accuracies of a NEAT network on a dataset's splits, with its evolved and with its trained weights.</summary>
public sealed record NeatTrainingReport(
    double EvolvedTrainAccuracy,
    double EvolvedValidationAccuracy,
    double EvolvedTestAccuracy,
    double TrainedTrainAccuracy,
    double TrainedValidationAccuracy,
    double TrainedTestAccuracy,
    IReadOnlyList<double> LossPerEpoch,
    int Parameters);

/// <summary>
/// Trains the weights of an evolved feed-forward NEAT topology with Adam on cross-entropy over its output logits
/// (<see cref="NeatModule"/>); minibatch order is drawn from the keyed random source (seed, epoch, purpose), so a
/// retraining reproduces the same weights.
/// </summary>
public static class NeatWeightTraining
{
    public static (NeatModule Module, NeatTrainingReport Report) Train(NeatGenome genome, DatasetSplits data, ulong seed, int epochs = 50, double learningRate = 0.01, int batchSize = 32, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (genome.InputCount != data.FeatureCount || genome.OutputCount != data.ClassCount)
        {
            throw new ArgumentException($"The genome has {genome.InputCount} inputs and {genome.OutputCount} outputs; the data has {data.FeatureCount} features and {data.ClassCount} classes.", nameof(genome));
        }

        device ??= CPU;
        var module = new NeatModule(genome);
        module.to(device);
        using var trainX = Features(data.Train, device);
        using var trainY = tensor(data.Train.Labels.Select(l => (long)l).ToArray(), device: device);
        using var validX = Features(data.Validation, device);
        using var testX = Features(data.Test, device);
        var before = (Accuracy(module, trainX, data.Train), Accuracy(module, validX, data.Validation), Accuracy(module, testX, data.Test));
        using var optimizer = new Training.AdamOptimizer(module.parameters(), learningRate);
        var losses = new List<double>();
        var n = data.Train.Count;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var order = Enumerable.Range(0, n).ToArray();
            RandomSources.For(seed, epoch, 0, "neat-weight-training").Shuffle(order);
            var total = 0.0;
            for (var start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var index = tensor(order.AsSpan(start, Math.Min(batchSize, n - start)).ToArray().Select(i => (long)i).ToArray(), device: device);
                optimizer.ZeroGrad();
                var loss = nn.functional.cross_entropy(module.forward(trainX.index_select(0, index)), trainY.index_select(0, index));
                loss.backward();
                optimizer.Step();
                total += loss.item<float>() * index.shape[0];
            }

            losses.Add(total / n);
        }

        var report = new NeatTrainingReport(
            before.Item1, before.Item2, before.Item3,
            Accuracy(module, trainX, data.Train), Accuracy(module, validX, data.Validation), Accuracy(module, testX, data.Test),
            losses, (int)module.Weights.numel());
        return (module, report);
    }

    /// <summary>Fraction of <paramref name="set"/> whose largest logit is the label (NaN for an empty set).</summary>
    public static double Accuracy(NeatModule module, Tensor features, LabeledData set)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(set);
        if (set.Count == 0)
        {
            return double.NaN;
        }

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var predicted = module.forward(features).argmax(1).cpu().data<long>().ToArray();
        return predicted.Where((p, i) => p == set.Labels[i]).Count() / (double)set.Count;
    }

    private static Tensor Features(LabeledData set, Device device) =>
        tensor(set.Features, [set.Count, set.FeatureCount], device: device);
}
