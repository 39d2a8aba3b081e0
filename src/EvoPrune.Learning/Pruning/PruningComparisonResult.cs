using System.Globalization;
using System.Text;

namespace EvoPrune.Learning.Pruning;

/// <summary>The reports of a <see cref="PruningComparison"/>, and their summary as a markdown table (mean ± sample std over seeds).</summary>
public sealed record PruningComparisonResult(IReadOnlyList<PruningReport> Reports)
{
    /// <summary>
    /// One row per (method, target sparsity), dense first: measured sparsity, compression over all parameters,
    /// theoretical speed-up, top-1 test accuracy and its change from dense, each as mean ± std over seeds.
    /// </summary>
    public string ToMarkdown()
    {
        var inv = CultureInfo.InvariantCulture;
        var dense = Reports.Where(r => r.Method == "dense").Select(r => r.TopOneAccuracy ?? double.NaN).ToArray();
        var denseMean = dense.Length == 0 ? double.NaN : dense.Average();
        var text = new StringBuilder();
        text.AppendLine("| method | target sparsity | sparsity | compression | speed-up | top-1 % | Δ vs dense (pp) | seeds |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        var rows = Reports
            .GroupBy(r => (r.Method, r.TargetSparsity))
            .OrderBy(g => g.Key.Method == "dense" ? 0 : 1)
            .ThenBy(g => g.Key.TargetSparsity)
            .ThenBy(g => g.Key.Method, StringComparer.Ordinal);
        foreach (var group in rows)
        {
            var accuracy = group.Select(r => 100 * (r.TopOneAccuracy ?? double.NaN)).ToArray();
            text.AppendLine(inv, $"| {group.Key.Method} | {group.Key.TargetSparsity:P1} | {Format(group.Select(r => 100 * r.Sparsity), "F2")} % | {Format(group.Select(r => r.CompressionRatio), "F2")}× | {Format(group.Select(r => r.TheoreticalSpeedup), "F2")}× | {Format(accuracy, "F2")} | {Format(accuracy.Select(a => a - (100 * denseMean)), "F2")} | {group.Count()} |");
        }

        return text.ToString();
    }

    /// <summary>Mean ± sample standard deviation (just the mean for one value).</summary>
    public static string Format(IEnumerable<double> values, string format)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToArray();
        if (list.Length == 0)
        {
            return "–";
        }

        var mean = list.Average();
        var inv = CultureInfo.InvariantCulture;
        if (list.Length == 1)
        {
            return mean.ToString(format, inv);
        }

        var std = Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Length - 1));
        return $"{mean.ToString(format, inv)} ± {std.ToString(format, inv)}";
    }
}
