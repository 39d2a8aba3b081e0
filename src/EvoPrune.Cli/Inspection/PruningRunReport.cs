using System.Globalization;
using System.Text;
using System.Text.Json;
using EvoPrune.Cli.Commands;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Pruning;
using EvoPrune.Learning.Pruning;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// The report of a finished <c>pruning</c> run, ShrinkBench-style: <c>pruning-report.md</c> (table per intrinsic
/// dimension with the dense baseline, and the prunability of each method), <c>pruning-report.json</c> (every cell with
/// its measures) and <c>pictures/accuracy-vs-sparsity[-dD].png</c> (test accuracy mean ± std over seeds per method).
/// </summary>
public static class PruningRunReport
{
    public const int Width = 900;
    public const int Height = 560;

    // Ten distinct colours: dense and the eight methods never share one.
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    // "none" prunabilities are NaN; JSON has no NaN, so they are written as the string "NaN".
    private static readonly JsonSerializerOptions IndentedJson = new(PruningKind.Json)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>One evaluated cell.</summary>
    public sealed record CellResult(PruningCell Cell, PruningReport Report, double Seconds, string? Failure)
    {
        /// <summary>K-starts cells under <c>kstarts-control</c>: the mean test accuracy of the k starts trained to the end (NaN otherwise).</summary>
        public double StartsMeanTestAccuracy { get; init; } = double.NaN;
    }

    /// <summary>
    /// A K-starts method at one sparsity under the selection control: the winner against the mean of its own k random
    /// starts, paired by seed (the same θ0, data and budget), so the gain is what selection bought over random pruning.
    /// </summary>
    public sealed record SelectionControl(int? Dimension, string Method, double Sparsity, double[] Winner, double[] StartsMean, PairedGain Gain);

    /// <summary>
    /// Writes the report of run <paramref name="spec"/> from its latest checkpoint in <paramref name="store"/>: into the
    /// run's folder for a file store, else (PostgreSQL) into <c>reports/RUNID</c> under the working directory.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteFromStoreAsync(Cluster.Storage.IRunStore store, RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var checkpoint = await store.LoadLatestCheckpointAsync(spec.RunId, warning => Errors.Info($"warning: {warning}"))
            ?? throw new Configuration.BadInputException($"Run '{spec.RunId}' has no readable checkpoint, so there is nothing to report.");
        var folder = Directory.CreateDirectory(Hosting.SiloStores.OutputFolder(store, spec.RunId)).FullName;
        return Write(spec, checkpoint.Populations.SelectMany(p => p.Members).ToArray(), folder);
    }

    /// <summary>Writes the three files into <paramref name="folder"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(RunSpec spec, IReadOnlyList<ScoredGenome> members, string folder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(members);
        var settings = PruningKind.ReadSettings(spec);
        var cells = members.Select(ToResult).OrderBy(c => c.Cell.Dimension).ThenBy(c => c.Cell.Seed).ToArray();
        var written = new List<string>();
        var markdown = Path.Combine(folder, "pruning-report.md");
        File.WriteAllText(markdown, ToMarkdown(spec, settings, cells));
        written.Add(markdown);
        var json = Path.Combine(folder, "pruning-report.json");
        File.WriteAllText(json, JsonSerializer.Serialize(
            new
            {
                spec.RunId,
                spec.Seed,
                settings.Tolerance,
                Cells = cells.Select(c => new { c.Cell, c.Report, c.Report.CompressionRatio, c.Report.TheoreticalSpeedup, c.StartsMeanTestAccuracy, c.Seconds, c.Failure }),
                SelectionControl = SelectionControls(cells).Select(s => new { s.Dimension, s.Method, s.Sparsity, s.Winner, s.StartsMean, MeanGain = s.Gain.Mean, GainStd = s.Gain.StandardDeviation, s.Gain.T, s.Gain.SignFlipP }),
                Prunability = Dimensions(cells).SelectMany(d => Prunability(Of(cells, d), settings.Tolerance).Select(p => new { Dimension = d, p.Method, p.Sparsity, p.SparsityWithinStandardError, p.Accuracy })),
            },
            IndentedJson));
        written.Add(json);
        var pictures = Directory.CreateDirectory(Path.Combine(folder, "pictures")).FullName;
        foreach (var dimension in Dimensions(cells))
        {
            var path = Path.Combine(pictures, dimension is { } d ? $"accuracy-vs-sparsity-d{d}.png" : "accuracy-vs-sparsity.png");
            Plot(Of(cells, dimension), path, $"{spec.RunId}{(dimension is { } dd ? $", intrinsic dimension {dd}" : string.Empty)}");
            written.Add(path);
        }

        return written;
    }

    /// <summary>Per method: the largest sparsity whose mean test accuracy is within <paramref name="tolerance"/> of dense's mean (NaN if none).</summary>
    public static IReadOnlyList<(string Method, double Sparsity, double SparsityWithinStandardError, string Accuracy)> Prunability(IReadOnlyList<CellResult> cells, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var dense = cells.Where(c => c.Cell.Method == PruningMethods.Dense && c.Failure == null).Select(c => c.Report.TopOneAccuracy ?? double.NaN).ToArray();
        if (dense.Length == 0)
        {
            return [];
        }

        var mean = dense.Average();
        var standardError = dense.Length > 1 ? Math.Sqrt(dense.Sum(a => (a - mean) * (a - mean)) / (dense.Length - 1) / dense.Length) : 0;
        return cells.Where(c => c.Cell.Method != PruningMethods.Dense && c.Failure == null)
            .GroupBy(c => c.Cell.Method)
            .Select(method =>
            {
                var bySparsity = method.GroupBy(c => c.Cell.Sparsity).Select(g => (Sparsity: g.Key, Accuracies: g.Select(c => c.Report.TopOneAccuracy ?? double.NaN).ToArray())).ToArray();
                double Largest(double delta) => bySparsity.Where(s => s.Accuracies.Average() >= mean - delta).Select(s => s.Sparsity).DefaultIfEmpty(double.NaN).Max();
                var best = Largest(tolerance);
                var at = bySparsity.FirstOrDefault(s => s.Sparsity == best).Accuracies;
                return (method.Key, best, Largest(standardError), at == null ? "–" : PruningComparisonResult.Format(at.Select(a => 100 * a), "F2"));
            })
            .OrderBy(p => Order(p.Key))
            .ToArray();
    }

    /// <summary>Every (dimension, K-starts method, sparsity) whose cells carry the control, seeds paired; failed cells left out.</summary>
    public static IReadOnlyList<SelectionControl> SelectionControls(IReadOnlyList<CellResult> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return cells.Where(c => c.Failure == null && double.IsFinite(c.StartsMeanTestAccuracy) && c.Report.TopOneAccuracy is { } a && double.IsFinite(a))
            .GroupBy(c => (c.Cell.Dimension, c.Cell.Method, c.Cell.Sparsity))
            .OrderBy(g => g.Key.Dimension).ThenBy(g => Order(g.Key.Method)).ThenBy(g => g.Key.Sparsity)
            .Select(g =>
            {
                var bySeed = g.OrderBy(c => c.Cell.Seed).ToArray();
                var winner = bySeed.Select(c => c.Report.TopOneAccuracy!.Value).ToArray();
                var starts = bySeed.Select(c => c.StartsMeanTestAccuracy).ToArray();
                return new SelectionControl(g.Key.Dimension, g.Key.Method, g.Key.Sparsity, winner, starts, new PairedGain(winner.Zip(starts, (w, s) => w - s).ToArray()));
            })
            .ToArray();
    }

    private static string ToMarkdown(RunSpec spec, PruningSettings settings, IReadOnlyList<CellResult> cells)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"# Pruning comparison {spec.RunId}");
        text.AppendLine();
        text.AppendLine(string.Create(inv, $"{settings.Model.Architecture} on {settings.Data.Dataset} (training split capped at {settings.Data.MaxTrain?.ToString(inv) ?? "all"} samples, validation {settings.Data.ValidationFraction:P0}), ")
            + string.Create(inv, $"{settings.Training.Epochs} epochs of {settings.Training.Optimizer} (lr {settings.Training.LearningRate}, batch {settings.Training.BatchSize}) per method, seeds {string.Join(", ", settings.Seeds)}, {settings.Scope} targets. ")
            + "Top-1 is test accuracy (mean ± sample std over seeds); sparsity counts prunable weights; compression counts all parameters (biases included); speed-up is dense over kept multiply-accumulates.");
        var failures = cells.Where(c => c.Failure != null).ToArray();
        foreach (var dimension in Dimensions(cells))
        {
            var these = Of(cells, dimension);
            text.AppendLine();
            if (dimension is { } d)
            {
                text.AppendLine(inv, $"## Intrinsic dimension {d}");
                text.AppendLine();
            }

            text.Append(new PruningComparisonResult(these.Where(c => c.Failure == null).Select(c => c.Report).ToArray()).ToMarkdown());
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Prunability (largest sparsity whose mean top-1 is within {100 * settings.Tolerance:F2} pp of dense; and within one standard error of dense):");
            text.AppendLine();
            text.AppendLine("| method | prunability | within 1 s.e. | top-1 % there |");
            text.AppendLine("|---|---|---|---|");
            foreach (var (method, sparsity, withinSe, accuracy) in Prunability(these, settings.Tolerance))
            {
                text.AppendLine(inv, $"| {method} | {Percent(sparsity)} | {Percent(withinSe)} | {accuracy} |");
            }

            var controls = SelectionControls(these);
            if (controls.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("K-starts selection control (`kstarts-control`): every start also trained to the end, so each seed pairs the winner with the mean of its own k random starts — random pruning's expected top-1 at the same θ0, data and budget. Gain in pp (mean ± sample std over seeds), paired t, and the exact one-sided sign-flip p of \"the gain is positive\":");
                text.AppendLine();
                text.AppendLine("| method | sparsity | seeds | winner top-1 % | mean of its starts % | gain (pp) | t | p |");
                text.AppendLine("|---|---|---|---|---|---|---|---|");
                foreach (var control in controls)
                {
                    text.AppendLine(inv, $"| {control.Method} | {Percent(control.Sparsity)} | {control.Gain.Count} | {PruningComparisonResult.Format(control.Winner.Select(a => 100 * a), "F2")} | {PruningComparisonResult.Format(control.StartsMean.Select(a => 100 * a), "F2")} | {100 * control.Gain.Mean:+0.00;-0.00} ± {100 * control.Gain.StandardDeviation:F2} | {control.Gain.T:F2} | {control.Gain.SignFlipP:0.000} |");
                }
            }
        }

        if (failures.Length > 0)
        {
            text.AppendLine();
            text.AppendLine("Failed cells:");
            foreach (var f in failures)
            {
                text.AppendLine(inv, $"- {f.Cell}: {f.Failure}");
            }
        }

        return text.ToString();
    }

    private static void Plot(IReadOnlyList<CellResult> cells, string path, string title)
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

        foreach (var method in cells.Where(c => c.Cell.Method != PruningMethods.Dense && c.Failure == null).GroupBy(c => c.Cell.Method).OrderBy(g => Order(g.Key)))
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
            scatter.Color = Palette.GetColor(Order(method.Key) + 1);
            var bars = plot.Add.ErrorBar(xs, ys, points.Select(p => p.Std).ToArray());
            bars.Color = scatter.Color;
        }

        plot.Title(title);
        plot.XLabel("sparsity of the prunable weights (%)");
        plot.YLabel("test accuracy (%), mean ± std over seeds");
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        plot.SavePng(path, Width, Height);
    }

    private static CellResult ToResult(ScoredGenome member)
    {
        var cell = PruningCell.FromPayload(member.Genome.Payload);
        var s = member.Report.Scores;
        double Get(string key) => s.TryGetValue(key, out var v) ? v : double.NaN;
        var report = new PruningReport(
            cell.Method,
            cell.Seed,
            cell.Sparsity,
            Get("sparsity"),
            (long)Get("total_parameters").OrZero(),
            (long)Get("nonzero_parameters").OrZero(),
            (long)Get("dense_macs").OrZero(),
            (long)Get("kept_macs").OrZero(),
            Get("test_accuracy"),
            Get("validation_accuracy"),
            (long)Get("steps").OrZero());
        return new CellResult(cell, report, member.Report.Seconds, member.Report.Failure) { StartsMeanTestAccuracy = Get(PruningKind.StartsMeanTestAccuracyScore) };
    }

    private static double OrZero(this double value) => double.IsFinite(value) ? value : 0;

    private static IEnumerable<int?> Dimensions(IReadOnlyList<CellResult> cells) => cells.Select(c => c.Cell.Dimension).Distinct().OrderBy(d => d);

    private static CellResult[] Of(IReadOnlyList<CellResult> cells, int? dimension) => cells.Where(c => c.Cell.Dimension == dimension).ToArray();

    private static int Order(string method)
    {
        var index = PruningMethods.Names.ToList().IndexOf(method);
        return index < 0 ? int.MaxValue : index;
    }

    private static string Percent(double value) => double.IsNaN(value) ? "none" : string.Create(CultureInfo.InvariantCulture, $"{100 * value:F1} %");
}
