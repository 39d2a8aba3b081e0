using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Pruning;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// The picture of a finished <c>pruning</c> run: <c>pictures/accuracy-vs-sparsity[-dD].png</c> (test accuracy mean ± std
/// over seeds per method). The run writes its text report itself (<see cref="PruningRunReport"/>).
/// </summary>
public static class PruningReportPictures
{
    public const int Width = 900;
    public const int Height = 560;

    // Ten distinct colours: dense and the eight methods never share one.
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>
    /// Draws the pictures of run <paramref name="spec"/> from its latest checkpoint in <paramref name="store"/>: into the
    /// run's folder for a file store, else (PostgreSQL) into <c>reports/RUNID</c> under the working directory.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteFromStoreAsync(Cluster.Storage.IRunStore store, RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var checkpoint = await store.LoadLatestCheckpointAsync(spec.RunId, warning => Commands.Errors.Info($"warning: {warning}"))
            ?? throw new InvalidOperationException($"Run '{spec.RunId}' has no readable checkpoint, so there is nothing to draw.");
        var folder = Directory.CreateDirectory(Hosting.SiloStores.OutputFolder(store, spec.RunId)).FullName;
        return Write(spec, checkpoint.Populations.SelectMany(p => p.Members).ToArray(), folder);
    }

    /// <summary>Draws one picture per intrinsic dimension into <paramref name="folder"/>/pictures and returns their paths.</summary>
    public static IReadOnlyList<string> Write(RunSpec spec, IReadOnlyList<ScoredGenome> members, string folder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var cells = PruningRunReport.Cells(members);
        var written = new List<string>();
        var pictures = Directory.CreateDirectory(Path.Combine(folder, "pictures")).FullName;
        foreach (var dimension in PruningRunReport.Dimensions(cells))
        {
            var path = Path.Combine(pictures, dimension is { } d ? $"accuracy-vs-sparsity-d{d}.png" : "accuracy-vs-sparsity.png");
            Plot(PruningRunReport.Of(cells, dimension), path, $"{spec.RunId}{(dimension is { } dd ? $", intrinsic dimension {dd}" : string.Empty)}");
            written.Add(path);
        }

        return written;
    }

    private static void Plot(IReadOnlyList<PruningRunReport.CellResult> cells, string path, string title)
    {
        var plot = new ScottPlot.Plot();
        var dense = cells.Where(c => c.Cell.Method == PruningMethods.Dense && c.Failure == null).Select(c => 100 * (c.Report.TopOneAccuracy ?? double.NaN)).ToArray();
        if (dense.Length > 0)
        {
            var line = plot.Add.HorizontalLine(dense.Average());
            line.LegendText = "dense";
            line.LinePattern = ScottPlot.LinePattern.Dashed;
            line.Color = Palette.GetColor(0);
        }

        foreach (var method in cells.Where(c => c.Cell.Method != PruningMethods.Dense && c.Failure == null).GroupBy(c => c.Cell.Method).OrderBy(g => PruningRunReport.Order(g.Key)))
        {
            var points = method.GroupBy(c => c.Cell.Sparsity).OrderBy(g => g.Key).Select(g =>
            {
                var accuracies = g.Select(c => 100 * (c.Report.TopOneAccuracy ?? double.NaN)).ToArray();
                var mean = accuracies.Average();
                var std = accuracies.Length > 1 ? Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1)) : 0;
                return (X: 100 * g.Key, Mean: mean, Std: std);
            }).ToArray();
            var xs = points.Select(p => p.X).ToArray();
            var ys = points.Select(p => p.Mean).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = method.Key;
            scatter.Color = Palette.GetColor(PruningRunReport.Order(method.Key) + 1);
            var bars = plot.Add.ErrorBar(xs, ys, points.Select(p => p.Std).ToArray());
            bars.Color = scatter.Color;
        }

        plot.Title(title);
        plot.XLabel("sparsity of the prunable weights (%)");
        plot.YLabel("test accuracy (%), mean ± std over seeds");
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        plot.SavePng(path, Width, Height);
    }
}
