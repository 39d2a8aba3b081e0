using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Activations;
using EvoPrune.Learning.Activations;

namespace EvoPrune.Cli.Kinds;

/// <summary>The CLI's tools for <c>activations</c> runs: the chosen functions' picture and ONNX export of the retrained network.</summary>
internal sealed class ActivationTools : KindTools<ActivationKind>
{
    public override bool ExportsOnnx => true;

    public override IReadOnlyList<string> Inspect(RunInspection run, InspectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Draw(run, request.Pictures, genome =>
        {
            var candidate = ActivationKind.Decode(genome);
            return [.. candidate.Functions.Select((f, i) => ($"{ActivationSettings.Slots[i]} slot", f))];
        });
    }

    public override OnnxExportResult ExportOnnx(RunInspection run, ScoredGenome member, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (network, torchAccuracy) = OnnxExport.RetrainActivations(run, member, request.Device, request.DataDirectories);
        using (network)
        {
            return OnnxExport.Write(run, member, Learning.Onnx.NetworkWeights.From(network), ActivationKind.ReadSettings(run.Spec).Data, request.Folder, request.Compact, request.DataDirectories, torchAccuracy);
        }
    }

    /// <summary>
    /// Draws <c>activations.png</c>: the function of each layer (or slot) <paramref name="choices"/> reads from the genome
    /// shown, which is an activations run's final genome (the winner; its fitness is test accuracy, the others'
    /// validation accuracy) or else the best. Nothing when the genome has no per-layer functions.
    /// </summary>
    internal static IReadOnlyList<string> Draw(RunInspection run, string pictures, Func<GenomeRecord, IReadOnlyList<(string Layer, string Function)>> choices)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(choices);
        var shown = run.Ranked.FirstOrDefault(m => m.Report.Scores.GetValueOrDefault("final") > 0) ?? run.Ranked[0];
        if (choices(shown.Genome) is not { Count: > 0 } activations)
        {
            return [];
        }

        var path = Path.Combine(pictures, "activations.png");
        ActivationPlot.Save([.. activations.Select(a => ($"{a.Layer}: {ActivationRegistry.Describe(a.Function)}", ActivationRegistry.Get(a.Function)))], path);
        return [path];
    }
}
