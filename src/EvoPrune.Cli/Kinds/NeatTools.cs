using System.Globalization;
using System.Text.Json;
using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Neat;
using Spectre.Console;

namespace EvoPrune.Cli.Kinds;

/// <summary>
/// The CLI's tools for <c>neat</c> runs: the network that solved the task (else the best) drawn as PNG and Graphviz DOT,
/// the genome as JSON (with TorchSharp-trained weights for classification topologies), and ONNX of feed-forward networks.
/// </summary>
internal sealed class NeatTools : KindTools<NeatKind>
{
    public override bool ExportsOnnx => true;

    public override IReadOnlyList<string> Inspect(RunInspection run, InspectRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        var (champion, reason) = run.Champion();
        var best = champion.Genome;
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Network drawn: {best.Id}, {reason} (fitness {Output.FitnessText.Format(champion.Report.Fitness)}, {run.Summarize(best)})")));
        var network = RunInspection.NeatNetwork(best);
        var png = Path.Combine(request.Pictures, $"network-{best.Id}.png");
        var dot = Path.Combine(request.Pictures, $"network-{best.Id}.dot");
        NeatDrawing.SavePng(network, png);
        File.WriteAllText(dot, NeatDrawing.ToDot(network, best.Id));
        return [png, dot];
    }

    /// <summary>
    /// A NEAT genome as JSON (node and connection genes). For the classification task the evolved topology's weights
    /// are then trained with TorchSharp on the run's training split; the trained network is written both as a NEAT
    /// genome (same genes, new weights) and as TorchSharp weights of <see cref="NeatModule"/>.
    /// </summary>
    public override void ExportWeights(RunInspection run, ScoredGenome member, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(request);
        var evolved = RunInspection.NeatNetwork(member.Genome);
        var settings = NeatKind.ReadSettings(run.Spec);
        var document = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["run"] = run.Spec.RunId,
            ["kind"] = run.Spec.Kind,
            ["task"] = settings.Task,
            ["seed"] = run.Spec.Seed,
            ["genome"] = member.Genome.Id,
            ["fitness"] = member.Report.Fitness,
            ["scores"] = member.Report.Scores,
            ["evolved"] = evolved,
        };
        string? weights = null;
        NeatTrainingReport? report = null;
        if (settings.Task == NeatRunSettings.ClassificationTaskName)
        {
            var data = DataCache.Load(settings.Data!, run.Spec.Seed, request.DataDirectories);
            var (module, trained) = NeatWeightTraining.Train(evolved, data, run.Spec.Seed, request.Epochs, device: request.Device);
            using (module)
            {
                weights = Path.Combine(request.Folder, $"{member.Genome.Id}.weights.dat");
                module.save(weights);
                document["trained"] = module.ToGenome();
            }

            report = trained;
            document["training"] = trained;
            document["weights"] = Path.GetFileName(weights);
        }

        var json = Path.Combine(request.Folder, $"{member.Genome.Id}.genome.json");
        File.WriteAllText(json, JsonSerializer.Serialize(document, NeatKind.Json));
        Console.WriteLine($"genome:  {json}");
        if (report != null)
        {
            Console.WriteLine($"weights: {weights}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test accuracy {report.EvolvedTestAccuracy:F4} with the evolved weights, {report.TrainedTestAccuracy:F4} after {request.Epochs} epochs of training ({report.Parameters} weights; validation {report.EvolvedValidationAccuracy:F4} -> {report.TrainedValidationAccuracy:F4})"));
        }
    }

    public override OnnxExportResult ExportOnnx(RunInspection run, ScoredGenome member, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NeatOnnxExport.Export(run, member, request.Folder, request.Device, request.DataDirectories, request.Compact, request.Epochs);
    }
}
