using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Kinds.Activations;

/// <summary>
/// Trains the run's network with a genome's three slot functions on this silo's device. A search candidate trains
/// for the mini-epochs on the training split and scores the best validation accuracy after any epoch (the source's
/// fitness). The final genome trains on train ∪ validation for the final epochs and scores the test accuracy after
/// the last epoch; the best test accuracy over epochs (what the source reports, a selection on the test set) and its
/// epoch are kept as extra scores. Every candidate of a run starts from the same initial weights and sees the same
/// minibatch order, so fitness differences come from the functions alone.
/// </summary>
internal sealed class ActivationEvaluator(RunSpec spec, ActivationSettings settings, EvaluationHost host) : IGenomeEvaluator
{
    private readonly TorchSharp.torch.Device _device = DeviceSelector.Resolve(host.Device);
    private readonly DataLeases _data = new();
    private readonly Lock _gate = new();
    private DeviceData? _trainAndValidation;

    public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var clock = Stopwatch.StartNew();
        var candidate = ActivationKind.Decode(item.Genome);
        var data = _data.Prepare(settings.Data, spec.Seed, host.DataDirectories, _device);
        var architecture = settings.Model.Build(data.Splits.Train);
        var functions = ActivationKind.LayerFunctions(architecture, candidate.Functions);
        var train = candidate.Final ? TrainAndValidation(data) : data.Train;
        var measured = candidate.Final ? data.Test : data.Validation;
        var epochs = candidate.Final ? settings.FinalEpochs : settings.MiniEpochs;
        var batch = settings.BatchSize > 0 ? settings.BatchSize : Math.Max(1, (data.Train.Count + data.Validation.Count + 9) / 10);
        var trainer = new Trainer(settings.Training with { Epochs = epochs, BatchSize = batch, MaxSteps = 0 });
        var stepsPerEpoch = (train.Count + batch - 1) / batch;

        using var network = new MaskedNetwork(architecture, functions, null, RandomKey.ForPurpose(spec.Seed, "activations/init"), _device, settings.Model.Init);
        var accuracies = new List<double>();
        var (losses, _) = trainer.Fit(
            network,
            train,
            RandomKey.ForPurpose(spec.Seed, "activations/shuffle"),
            afterStep: step =>
            {
                if (step % stepsPerEpoch == 0)
                {
                    accuracies.Add(Trainer.Accuracy(network, measured, settings.Training.EvalBatchSize));
                }
            },
            cancellationToken: cancellationToken);

        var best = accuracies.Max();
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["final_loss"] = losses[^1],
            ["epochs"] = accuracies.Count,
        };
        double fitness;
        if (candidate.Final)
        {
            fitness = accuracies[^1];
            scores["final"] = 1;
            scores["test_accuracy"] = accuracies[^1];
            scores["test_accuracy_max"] = best;
            scores["test_accuracy_max_epoch"] = accuracies.IndexOf(best) + 1;
        }
        else
        {
            fitness = best;
            scores["validation_accuracy"] = best;
            scores["validation_accuracy_last"] = accuracies[^1];
        }

        return new FitnessReport(item.Genome.Id, fitness, scores, null, host.Silo, _device.ToString(), clock.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
        _trainAndValidation?.Dispose();
        _data.Dispose();
    }

    private DeviceData TrainAndValidation(PreparedData data)
    {
        lock (_gate)
        {
            return _trainAndValidation ??= DeviceData.Concat(data.Train, data.Validation);
        }
    }
}
