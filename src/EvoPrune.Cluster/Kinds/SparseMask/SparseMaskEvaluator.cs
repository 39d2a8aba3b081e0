using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Kinds.SparseMask;

/// <summary>
/// Trains the run's network under a genome's mask on this silo's device; fitness is validation accuracy. With
/// <see cref="SparseMaskSettings.PopulationBatch"/> above 1, leased batches of plain evaluations train as one stacked
/// population (<see cref="PopulationTrainer"/>), which gives the same fitnesses up to float rounding.
/// </summary>
internal sealed class SparseMaskEvaluator(RunSpec spec, SparseMaskSettings settings, ArchitectureSpec architecture, MaskLayout layout, EvaluationHost host) : IBatchGenomeEvaluator
{
    private readonly Trainer _trainer = new(settings.Training);
    private readonly PopulationTrainer _populationTrainer = new(settings.Training);
    private readonly TorchSharp.torch.Device _device = DeviceSelector.Resolve(host.Device);
    private readonly DataLeases _data = new();

    public int MaxBatch => settings.PopulationBatch;

    public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var clock = Stopwatch.StartNew();
        var data = _data.Prepare(settings.Data, spec.Seed, host.DataDirectories, _device);
        var masks = SparseMaskKind.LayerMasks(layout, item.Genome);
        if (settings.UsesScorer || SparseMaskStrategy.IsFinal(item.Genome))
        {
            return KStartsEvaluation.Evaluate(spec, settings, architecture, masks, data, item.Genome, host, _device.ToString(), clock, cancellationToken);
        }

        var (network, report) = SparseMaskKind.TrainMasked(spec, settings, architecture, masks, data, _trainer, null, cancellationToken);
        network.Dispose();
        return Report(item.Genome.Id, report, clock.Elapsed.TotalSeconds);
    }

    public IReadOnlyList<FitnessReport> EvaluateBatch(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var reports = new FitnessReport[items.Count];
        var plain = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (settings.PopulationBatch > 1 && !settings.UsesScorer && !SparseMaskStrategy.IsFinal(items[i].Genome))
            {
                plain.Add(i);
            }
            else
            {
                reports[i] = Evaluate(items[i], cancellationToken);
            }
        }

        foreach (var chunk in plain.Chunk(settings.PopulationBatch))
        {
            if (chunk.Length == 1)
            {
                reports[chunk[0]] = Evaluate(items[chunk[0]], cancellationToken);
                continue;
            }

            var clock = Stopwatch.StartNew();
            var data = _data.Prepare(settings.Data, spec.Seed, host.DataDirectories, _device);
            var masks = chunk.Select(i => (IReadOnlyList<bool[]>?)SparseMaskKind.LayerMasks(layout, items[i].Genome)).ToArray();
            using var stack = new StackedMaskedMlp(architecture, settings.Model.Activations, masks, Enumerable.Repeat(SparseMaskKind.InitKey(spec), chunk.Length).ToArray(), _device, settings.Model.Init);
            var outcomes = _populationTrainer.Train(stack, data.Train, data.Validation, null, Enumerable.Repeat(SparseMaskKind.ShuffleKey(spec), chunk.Length).ToArray(), cancellationToken);

            // The batch's time is shared equally: each report carries its part of the wall time.
            var seconds = clock.Elapsed.TotalSeconds / chunk.Length;
            for (var k = 0; k < chunk.Length; k++)
            {
                var id = items[chunk[k]].Genome.Id;
                reports[chunk[k]] = outcomes[k].Report is { } report
                    ? Report(id, report, seconds)
                    : FitnessReport.ForFailure(id, $"{nameof(TrainingDivergedException)}: {outcomes[k].Failure}", host.Silo, _device.ToString(), seconds);
            }
        }

        return reports;
    }

    public void Dispose() => _data.Dispose();

    private FitnessReport Report(string genomeId, TrainingReport report, double seconds)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["validation_accuracy"] = report.ValidationAccuracy ?? 0,
            ["sparsity"] = report.Sparsity,
            ["kept_weights"] = report.KeptWeights,
            ["kept_macs"] = report.KeptMacs,
            ["final_loss"] = report.FinalLoss,
        };
        return new FitnessReport(genomeId, report.ValidationAccuracy ?? 0, scores, null, host.Silo, _device.ToString(), seconds);
    }
}
