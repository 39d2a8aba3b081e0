using System.Globalization;
using System.Text;

namespace EvoPrune.Ensembles.Protocol;

/// <summary>
/// Per-fold outcomes of a CIF-E run, summarised per dataset x method as mean ± std of test accuracy (sample std over
/// folds x repeats) and the average rank of each method across datasets (rank 1 = highest mean; ties share the
/// mean of their ranks, as in the Friedman test).
/// </summary>
public sealed class ResultsTable
{
    /// <summary>Wraps outcomes; datasets and methods keep their first-seen order.</summary>
    public ResultsTable(IReadOnlyList<FoldOutcome> outcomes, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Outcomes = outcomes;
        Elapsed = elapsed;
        Datasets = outcomes.Select(o => o.Dataset).Distinct().ToArray();
        Methods = outcomes.Select(o => o.Method).Distinct().ToArray();
    }

    public IReadOnlyList<FoldOutcome> Outcomes { get; }

    public TimeSpan Elapsed { get; }

    public IReadOnlyList<string> Datasets { get; }

    public IReadOnlyList<string> Methods { get; }

    /// <summary>Mean test accuracy of <paramref name="method"/> on <paramref name="dataset"/>.</summary>
    public double Mean(string dataset, string method) => Values(dataset, method).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Sample standard deviation (0 for one value).</summary>
    public double Std(string dataset, string method)
    {
        var values = Values(dataset, method);
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>Mean selected-ensemble size of <paramref name="method"/> over all datasets and folds.</summary>
    public double MeanEnsembleSize(string method) => Outcomes.Where(o => o.Method == method).Select(o => (double)o.EnsembleSize).DefaultIfEmpty(0).Average();

    /// <summary>Average rank of each method over datasets (by mean accuracy).</summary>
    public IReadOnlyDictionary<string, double> AverageRanks()
    {
        var sums = Methods.ToDictionary(m => m, _ => 0.0);
        foreach (var dataset in Datasets)
        {
            var means = Methods.Select(m => (Method: m, Mean: Mean(dataset, m))).OrderByDescending(x => x.Mean).ToArray();
            var i = 0;
            while (i < means.Length)
            {
                var j = i;
                while (j + 1 < means.Length && means[j + 1].Mean == means[i].Mean)
                {
                    j++;
                }

                for (var t = i; t <= j; t++)
                {
                    sums[means[t].Method] += ((i + j) / 2.0) + 1;
                }

                i = j + 1;
            }
        }

        return sums.ToDictionary(s => s.Key, s => s.Value / Math.Max(1, Datasets.Count));
    }

    /// <summary>A markdown table: one row per dataset (mean ± std in %), then average rank and mean ensemble size.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append("| dataset | ").AppendJoin(" | ", Methods).AppendLine(" |");
        text.Append("|---|").AppendJoin(string.Empty, Methods.Select(_ => "---|")).AppendLine();
        foreach (var dataset in Datasets)
        {
            var best = Methods.Max(m => Mean(dataset, m));
            text.Append("| ").Append(dataset).Append(" | ");
            text.AppendJoin(" | ", Methods.Select(m =>
            {
                var cell = string.Format(c, "{0:F2} ± {1:F2}", 100 * Mean(dataset, m), 100 * Std(dataset, m));
                return Mean(dataset, m) == best ? $"**{cell}**" : cell;
            }));
            text.AppendLine(" |");
        }

        var ranks = AverageRanks();
        text.Append("| avg rank | ").AppendJoin(" | ", Methods.Select(m => ranks[m].ToString("F2", c))).AppendLine(" |");
        text.Append("| mean size | ").AppendJoin(" | ", Methods.Select(m => MeanEnsembleSize(m).ToString("F1", c))).AppendLine(" |");
        return text.ToString();
    }

    private double[] Values(string dataset, string method) =>
        Outcomes.Where(o => o.Dataset == dataset && o.Method == method).Select(o => o.TestAccuracy).ToArray();
}
