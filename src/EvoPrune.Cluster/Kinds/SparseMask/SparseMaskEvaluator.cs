using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Kinds.SparseMask;

/// <summary>Trains the run's network under a genome's mask on this silo's device; fitness is validation accuracy.</summary>
internal sealed class SparseMaskEvaluator(RunSpec spec, SparseMaskSettings settings, ArchitectureSpec architecture, MaskLayout layout, EvaluationHost host) : IGenomeEvaluator
{
    private readonly Trainer _trainer = new(settings.Training);
    private readonly TorchSharp.torch.Device _device = DeviceSelector.Resolve(host.Device);

    public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var clock = Stopwatch.StartNew();
        var data = DataCache.Prepare(settings.Data, spec.Seed, host.DataDirectories, _device);
        var masks = SparseMaskKind.LayerMasks(layout, item.Genome);
        if (settings.UsesScorer || SparseMaskStrategy.IsFinal(item.Genome))
        {
            return KStartsEvaluation.Evaluate(spec, settings, architecture, masks, data, item.Genome, host, _device.ToString(), clock, cancellationToken);
        }

        var (network, report) = SparseMaskKind.TrainMasked(spec, settings, architecture, masks, data, _trainer, null, cancellationToken);
        network.Dispose();
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["validation_accuracy"] = report.ValidationAccuracy ?? 0,
            ["sparsity"] = report.Sparsity,
            ["kept_weights"] = report.KeptWeights,
            ["kept_macs"] = report.KeptMacs,
            ["final_loss"] = report.FinalLoss,
        };
        return new FitnessReport(item.Genome.Id, report.ValidationAccuracy ?? 0, scores, null, host.Silo, _device.ToString(), clock.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
    }
}
