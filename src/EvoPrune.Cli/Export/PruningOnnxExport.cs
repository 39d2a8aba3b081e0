using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Pruning;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Onnx;
using EvoPrune.Learning.Pruning;

namespace EvoPrune.Cli.Export;

/// <summary>
/// A pruning comparison's cell (method, sparsity, seed): the method is run again end to end exactly as the evaluation
/// ran it (same data, context and keys, the K-starts winner for K-starts cells), and its pruned, trained network is
/// written as a masked network.
/// </summary>
internal static class PruningOnnxExport
{
    public static OnnxExportResult Export(RunInspection run, ScoredGenome member, string folder, bool compact, TorchSharp.torch.Device device, IReadOnlyList<string> dataDirectories)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(member);
        var settings = PruningKind.ReadSettings(run.Spec);
        var cell = PruningCell.FromPayload(member.Genome.Payload);
        var dataSpec = settings.DataFor(cell);
        var data = DataCache.Prepare(dataSpec, run.Spec.Seed, dataDirectories, device);
        var architecture = settings.Model.Build(data.Splits.Train);
        var context = new PruningContext(architecture, settings.Model.Activations, data.Train, data.Validation, data.Test, settings.Training, RandomKey.ForPurpose(cell.Seed, "prune"))
        {
            Init = settings.Model.Init,
        };
        var method = PruningMethods.Create(cell.Method, cell.Sparsity, settings);
        var outcome = method is KStartsSearch search ? search.Search(context, CancellationToken.None).Winner : method.Run(context, CancellationToken.None);
        var network = NetworkWeights.From(architecture, settings.Model.Activations, outcome.Weights, outcome.Biases);
        return OnnxExport.Write(run, member, network, dataSpec, folder, compact, dataDirectories, outcome.Report.TopOneAccuracy ?? double.NaN, $"cell {cell}");
    }
}
