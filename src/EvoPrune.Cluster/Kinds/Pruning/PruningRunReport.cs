using System.Globalization;
using System.Text;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;
using EvoPrune.Learning.Pruning;

namespace EvoPrune.Cluster.Kinds.Pruning;

/// <summary>
/// The report of a finished <c>pruning</c> run, ShrinkBench-style, written by the run itself through its store (the run
/// folder of a file store, <c>evoprune_results</c> in PostgreSQL): <c>pruning-report.md</c> (table per intrinsic
/// dimension with the dense baseline, and the prunability of each method) and <c>pruning-report.json</c> (every cell
/// with its measures). The picture (accuracy against sparsity) is drawn by the CLI from the same cells.
/// </summary>
public static class PruningRunReport
{
    public const string MarkdownName = "pruning-report.md";
    public const string JsonName = "pruning-report.json";

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

        /// <summary>The network's measured ONNX Runtime speed (null for cells evaluated before the timing existed).</summary>
        public CellInference? Inference { get; init; }
    }

    /// <summary>
    /// A cell's network timed in ONNX Runtime (CPU, one intra-op thread) at <see cref="PruningKind.InferenceBatches"/>:
    /// samples per second of its masked graph (the dense network's shapes) and of its compacted graph, and the compacted
    /// graph's multiply-accumulates per sample.
    /// </summary>
    public sealed record CellInference(IReadOnlyList<int> Batches, IReadOnlyList<double> MaskedSamplesPerSecond, IReadOnlyList<double> CompactedSamplesPerSecond, long CompactedMacs)
    {
        /// <summary>Compacted over masked samples per second at each batch size.</summary>
        public IReadOnlyList<double> MeasuredSpeedup => [.. CompactedSamplesPerSecond.Zip(MaskedSamplesPerSecond, (c, m) => c / m)];
    }

    /// <summary>
    /// A K-starts method at one sparsity under the selection control: the winner against the mean of its own k random
    /// starts, paired by seed (the same θ0, data and budget), so the gain is what selection bought over random pruning.
    /// </summary>
    public sealed record SelectionControl(int? Dimension, string Method, double Sparsity, double[] Winner, double[] StartsMean, PairedGain Gain);

    /// <summary>Saves the report of the run's final members through <paramref name="store"/> and returns where each part went.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(IRunStore store, RunSpec spec, IReadOnlyList<ScoredGenome> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var written = new List<string>();
        foreach (var (name, content) in Render(spec, members))
        {
            written.Add(await store.SaveResultAsync(spec.RunId, name, content, cancellationToken).ConfigureAwait(false));
        }

        return written;
    }

    /// <summary>The report's text parts, by file name: the markdown table and the JSON of every cell.</summary>
    public static IReadOnlyList<(string Name, string Content)> Render(RunSpec spec, IReadOnlyList<ScoredGenome> members)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var settings = PruningKind.ReadSettings(spec);
        var cells = Cells(members);
        var json = JsonSerializer.Serialize(
            new
            {
                spec.RunId,
                spec.Seed,
                settings.Tolerance,
                Cells = cells.Select(c => new { c.Cell, c.Report, c.Report.CompressionRatio, c.Report.TheoreticalSpeedup, c.Inference, c.StartsMeanTestAccuracy, c.Seconds, c.Failure }),
                SelectionControl = SelectionControls(cells).Select(s => new { s.Dimension, s.Method, s.Sparsity, s.Winner, s.StartsMean, MeanGain = s.Gain.Mean, GainStd = s.Gain.StandardDeviation, s.Gain.T, s.Gain.SignFlipP }),
                Prunability = Dimensions(cells).SelectMany(d => Prunability(Of(cells, d), settings.Tolerance).Select(p => new { Dimension = d, p.Method, p.Sparsity, p.SparsityWithinStandardError, p.Accuracy })),
            },
            IndentedJson);
        return [(MarkdownName, ToMarkdown(spec, settings, cells)), (JsonName, json)];
    }

    /// <summary>The evaluated cells of the run's members, ordered by intrinsic dimension and seed.</summary>
    public static IReadOnlyList<CellResult> Cells(IReadOnlyList<ScoredGenome> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return members.Select(ToResult).OrderBy(c => c.Cell.Dimension).ThenBy(c => c.Cell.Seed).ToArray();
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

            AppendInference(text, these);
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

    // Measured speed-ups in ONNX Runtime beside the theoretical ones, one row per (method, target sparsity).
    private static void AppendInference(StringBuilder text, IReadOnlyList<CellResult> cells)
    {
        var timed = cells.Where(c => c.Failure == null && c.Inference != null).ToArray();
        if (timed.Length == 0)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        var batches = PruningKind.InferenceBatches;
        text.AppendLine();
        text.AppendLine("Inference in ONNX Runtime (CPU, one intra-op thread), each cell's network as `export --format onnx` writes it: the masked graph has the dense network's shapes (a dense Gemm costs the same with zeros, so it runs at the dense network's speed) and the compacted one (`--compact`) drops the hidden units the mask disconnected. "
            + "Measured speed-up = compacted over masked samples per second, both timed in the same evaluation in alternating blocks (median of 5), mean ± std over seeds; theoretical = dense over kept multiply-accumulates; compacted MACs = dense over the compacted graph's multiply-accumulates (the most its smaller dense layers can give). "
            + "Timings are reported, never ranked on, and move with the machine's load.");
        text.AppendLine();
        text.Append("| method | target sparsity | theoretical speed-up | compacted MACs |");
        text.Append(string.Concat(batches.Select(b => string.Create(inv, $" measured, batch {b} |"))));
        text.Append(string.Concat(batches.Select(b => string.Create(inv, $" samples/s batch {b}: masked → compacted |"))));
        text.AppendLine();
        text.AppendLine("|---|---|---|---|" + string.Concat(Enumerable.Repeat("---|", 2 * batches.Count)));
        var rows = timed.GroupBy(c => (c.Cell.Method, c.Cell.Sparsity))
            .OrderBy(g => g.Key.Method == PruningMethods.Dense ? 0 : 1).ThenBy(g => g.Key.Sparsity).ThenBy(g => Order(g.Key.Method));
        foreach (var group in rows)
        {
            var theory = PruningComparisonResult.Format(group.Select(c => c.Report.TheoreticalSpeedup), "F2");
            var compacted = PruningComparisonResult.Format(group.Select(c => (double)c.Report.DenseMacs / c.Inference!.CompactedMacs), "F2");
            text.Append(inv, $"| {group.Key.Method} | {group.Key.Sparsity:P1} | {theory}× | {compacted}× |");
            for (var b = 0; b < batches.Count; b++)
            {
                text.Append(inv, $" {PruningComparisonResult.Format(group.Select(c => c.Inference!.MeasuredSpeedup[b]), "F2")}× |");
            }

            for (var b = 0; b < batches.Count; b++)
            {
                text.Append(inv, $" {PruningComparisonResult.Format(group.Select(c => c.Inference!.MaskedSamplesPerSecond[b]), "N0")} → {PruningComparisonResult.Format(group.Select(c => c.Inference!.CompactedSamplesPerSecond[b]), "N0")} |");
            }

            text.AppendLine();
        }
    }

    private static CellInference? InferenceOf(IReadOnlyDictionary<string, double> scores)
    {
        var batches = PruningKind.InferenceBatches;
        if (!scores.TryGetValue(PruningKind.CompactedMacsScore, out var macs)
            || batches.Any(b => !scores.ContainsKey(PruningKind.MaskedSamplesScore(b)) || !scores.ContainsKey(PruningKind.CompactedSamplesScore(b))))
        {
            return null;
        }

        return new CellInference(batches, [.. batches.Select(b => scores[PruningKind.MaskedSamplesScore(b)])], [.. batches.Select(b => scores[PruningKind.CompactedSamplesScore(b)])], (long)macs);
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
        return new CellResult(cell, report, member.Report.Seconds, member.Report.Failure) { StartsMeanTestAccuracy = Get(PruningKind.StartsMeanTestAccuracyScore), Inference = InferenceOf(s) };
    }

    private static double OrZero(this double value) => double.IsFinite(value) ? value : 0;

    public static IEnumerable<int?> Dimensions(IReadOnlyList<CellResult> cells) => cells.Select(c => c.Cell.Dimension).Distinct().OrderBy(d => d);

    public static CellResult[] Of(IReadOnlyList<CellResult> cells, int? dimension) => cells.Where(c => c.Cell.Dimension == dimension).ToArray();

    public static int Order(string method)
    {
        var index = PruningMethods.Names.ToList().IndexOf(method);
        return index < 0 ? int.MaxValue : index;
    }

    private static string Percent(double value) => double.IsNaN(value) ? "none" : string.Create(CultureInfo.InvariantCulture, $"{100 * value:F1} %");
}
