using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Pruning;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cli.Kinds;

/// <summary>
/// The CLI's tools for <c>pruning</c> comparisons: the accuracy-against-sparsity pictures beside the report the run
/// writes itself (after <c>run</c>, and again with the report from <c>inspect</c>), and ONNX of a cell's pruned network.
/// </summary>
internal sealed class PruningTools : KindTools<PruningKind>
{
    public override bool ExportsOnnx => true;

    public override IReadOnlyList<string> Inspect(RunInspection run, InspectRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        var written = new List<string>();
        var members = run.Checkpoint.Populations.SelectMany(p => p.Members).ToArray();
        foreach (var (name, content) in PruningRunReport.Render(run.Spec, members))
        {
            var path = Path.Combine(run.Folder, name);
            File.WriteAllText(path, content);
            written.Add(path);
        }

        written.AddRange(PruningReportPictures.Write(run.Spec, members, run.Folder));
        return written;
    }

    public override OnnxExportResult ExportOnnx(RunInspection run, ScoredGenome member, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PruningOnnxExport.Export(run, member, request.Folder, request.Compact, request.Device, request.DataDirectories);
    }

    public override async Task AfterRunAsync(IRunStore store, RunSpec spec, Action<string> info)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(info);
        // The run wrote its report through the store; the picture is drawn here, next to it.
        info($"Pruning report: {store.Describe(spec.RunId)} ({PruningRunReport.MarkdownName}, {PruningRunReport.JsonName})");
        foreach (var path in await PruningReportPictures.WriteFromStoreAsync(store, spec))
        {
            info($"Wrote {path}");
        }
    }
}
