using System.Globalization;
using System.Text.Json;
using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cli.Kinds;

/// <summary>
/// The CLI's tools for <c>sparse-mask</c> runs: the sparsity curve, the best genome's first-layer mask and its locality,
/// the layers' activation functions, and the retrained network as TorchSharp weights or ONNX.
/// </summary>
internal sealed class SparseMaskTools : KindTools<SparseMaskKind>
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public override bool ExportsOnnx => true;

    /// <summary>Retrains a sparse-mask genome exactly as it was evaluated.</summary>
    public static (MaskedNetwork Network, TrainingReport Report) Retrain(RunInspection run, GenomeRecord genome, TorchSharp.torch.Device device) =>
        Kind(run).Retrain(run.Spec, genome, device);

    public override (bool[] Mask, int Units, InputShape Input)? FirstLayerMask(RunInspection run, GenomeRecord genome)
    {
        var (architecture, masks) = Kind(run).Decode(run.Spec, genome);
        var first = architecture.Describe()[0];
        return architecture.Layers[0].Kind == LayerKind.Linear && architecture.Input.Channels == 1 && architecture.Input.Height > 1
            ? (masks[0], first.WeightShape[0], architecture.Input)
            : null;
    }

    public override IReadOnlyList<string> Inspect(RunInspection run, InspectRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        var written = new List<string>();
        var sparsity = Path.Combine(request.Pictures, "sparsity.png");
        CurvePlot.Sparsity(run.Checkpoint.History, sparsity);
        written.Add(sparsity);
        var best = run.Ranked[0].Genome;
        if (FirstLayerMask(run, best) is { } first)
        {
            var path = Path.Combine(request.Pictures, $"mask-{best.Id}.png");
            MaskPicture.Save(first.Mask, first.Units, first.Input, request.Scale, path);
            written.Add(path);
        }

        written.AddRange(ActivationTools.Draw(run, request.Pictures, genome =>
        {
            var (architecture, _) = Kind(run).Decode(run.Spec, genome);
            var hidden = architecture.Describe().Take(architecture.PrunableLayerCount - 1).Select(l => l.Name).ToArray();
            var chosen = SparseMaskKind.ReadSettings(run.Spec).Model.Activations;
            return [.. hidden.Select((name, i) => (name, chosen.Count == 1 ? chosen[0] : chosen[i]))];
        }));
        return written;
    }

    public override void ExportWeights(RunInspection run, ScoredGenome member, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(request);
        var (network, report) = Retrain(run, member.Genome, request.Device);
        using (network)
        {
            var weights = Path.Combine(request.Folder, $"{member.Genome.Id}.weights.dat");
            network.save(weights);
            var document = new
            {
                run = run.Spec.RunId,
                kind = run.Spec.Kind,
                seed = run.Spec.Seed,
                genome = member.Genome.Id,
                population = member.Genome.Population,
                born = member.Genome.Born,
                fitness = member.Report.Fitness,
                scores = member.Report.Scores,
                architecture = network.Spec.Name,
                activations = network.Activations,
                layers = network.Layers.Select((l, i) => new { l.Name, shape = l.WeightShape, kept = network.GetWeights(i).Count(w => w != 0f) }),
                retrainedValidationAccuracy = report.ValidationAccuracy,
                retrainedTestAccuracy = report.TestAccuracy,
                mask = Convert.ToBase64String(member.Genome.Payload),
                weights = Path.GetFileName(weights),
            };
            var json = Path.Combine(request.Folder, $"{member.Genome.Id}.genome.json");
            File.WriteAllText(json, JsonSerializer.Serialize(document, Json));
            Console.WriteLine($"genome:  {json}");
            Console.WriteLine($"weights: {weights}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fitness {member.Report.Fitness:F4}; retrained validation accuracy {report.ValidationAccuracy:F4}, test accuracy {report.TestAccuracy:F4}"));
        }
    }

    public override OnnxExportResult ExportOnnx(RunInspection run, ScoredGenome member, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(request);
        var (network, report) = Retrain(run, member.Genome, request.Device);
        using (network)
        {
            return OnnxExport.Write(run, member, NetworkWeights.From(network), SparseMaskKind.ReadSettings(run.Spec).Data, request.Folder, request.Compact, request.DataDirectories, report.TestAccuracy ?? double.NaN);
        }
    }
}
