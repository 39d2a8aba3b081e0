using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Onnx;
using EvoPrune.Learning.Pruning;

namespace EvoPrune.Cluster.Kinds.Pruning;

/// <summary>
/// Runs one cell's pruning method end to end on this silo's device. Fitness is the validation accuracy (the engine
/// never ranks on test); the test accuracy and the ShrinkBench measures travel as scores for the report, and so does the
/// pruned network's measured inference speed in ONNX Runtime, masked and compacted (reported, never ranked on).
/// </summary>
internal sealed class PruningEvaluator(RunSpec spec, PruningSettings settings, EvaluationHost host) : IGenomeEvaluator
{
    private readonly TorchSharp.torch.Device _device = DeviceSelector.Resolve(host.Device);
    private readonly DataLeases _data = new();

    public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var clock = Stopwatch.StartNew();
        var cell = PruningCell.FromPayload(item.Genome.Payload);
        var dataSpec = settings.DataFor(cell);
        var data = _data.Prepare(dataSpec, spec.Seed, host.DataDirectories, _device);
        var context = new PruningContext(
            settings.Model.Build(data.Splits.Train),
            settings.Model.Activations,
            data.Train,
            data.Validation,
            data.Test,
            settings.Training,
            RandomKey.ForPurpose(cell.Seed, "prune"))
        {
            Init = settings.Model.Init,
        };
        var method = PruningMethods.Create(cell.Method, cell.Sparsity, settings);
        var kstarts = method is KStartsSearch search ? search.Search(context, cancellationToken) : null;
        var outcome = kstarts?.Winner ?? method.Run(context, cancellationToken);
        var report = outcome.Report;
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["target_sparsity"] = cell.Sparsity,
            ["sparsity"] = report.Sparsity,
            ["test_accuracy"] = report.TopOneAccuracy ?? double.NaN,
            ["validation_accuracy"] = report.ValidationAccuracy ?? double.NaN,
            ["total_parameters"] = report.TotalParameters,
            ["nonzero_parameters"] = report.NonZeroParameters,
            ["dense_macs"] = report.DenseMacs,
            ["kept_macs"] = report.KeptMacs,
            ["compression"] = report.CompressionRatio,
            ["speedup"] = report.TheoreticalSpeedup,
            ["steps"] = report.Steps,
        };
        var network = NetworkWeights.From(context.Architecture, context.Activations, outcome.Weights, outcome.Biases);
        var speed = OnnxInferenceTiming.MaskedAndCompacted(network, data.Splits.Normalization, PruningKind.InferenceBatches);
        scores[PruningKind.CompactedMacsScore] = report.DenseMacs - speed.RemovedMacs;
        for (var b = 0; b < speed.Batches.Count; b++)
        {
            scores[PruningKind.MaskedSamplesScore(speed.Batches[b])] = speed.Masked[b];
            scores[PruningKind.CompactedSamplesScore(speed.Batches[b])] = speed.Compacted[b];
        }

        if (kstarts?.StartTestAccuracies != null)
        {
            scores[PruningKind.StartsMeanTestAccuracyScore] = kstarts.StartsMeanTestAccuracy;
        }

        return new FitnessReport(item.Genome.Id, report.ValidationAccuracy ?? report.TopOneAccuracy ?? 0, scores, null, host.Silo, _device.ToString(), clock.Elapsed.TotalSeconds);
    }

    public void Dispose() => _data.Dispose();
}
