using System.Globalization;
using System.Text;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// The table of an activation-function comparison: per method and dataset, the test accuracy of the final networks
/// over seeds (median, min–max), and an approximate permutation test of the median difference against coevolution
/// (|median difference| statistic; exact enumeration when the groups are small, else 10,000 keyed shuffles).
/// </summary>
public static class ActivationComparison
{
    /// <summary>One finished run of the comparison.</summary>
    public sealed record Result(string Dataset, string Method, ulong Seed, string RunId, double TestAccuracy, double TestAccuracyMax, double SearchFitness, int Evaluations, double Seconds, string Functions);

    /// <summary>Reads a finished run's final genome and search record from its checkpoint.</summary>
    public static Result FromCheckpoint(string dataset, string method, ulong seed, Checkpoint checkpoint, string summary)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var final = checkpoint.Populations.SelectMany(p => p.Members).FirstOrDefault(m => m.Report.Scores.GetValueOrDefault("final") > 0)
            ?? throw new Configuration.BadInputException($"Run {checkpoint.RunId} has no final genome; it has not completed.");
        var search = checkpoint.History.Where(h => h.Generation < checkpoint.Generation).ToArray();
        return new Result(
            dataset,
            method,
            seed,
            checkpoint.RunId,
            final.Report.Scores["test_accuracy"],
            final.Report.Scores["test_accuracy_max"],
            search.Length == 0 ? double.NaN : search.Max(h => h.BestFitness),
            search.Sum(h => h.Evaluations),
            final.Report.Seconds,
            summary);
    }

    /// <summary>The markdown report of <paramref name="results"/>.</summary>
    public static string ToMarkdown(IReadOnlyList<Result> results, string command)
    {
        ArgumentNullException.ThrowIfNull(results);
        var datasets = results.Select(r => r.Dataset).Distinct().ToArray();
        var methods = results.Select(r => r.Method).Distinct().ToArray();
        var text = new StringBuilder();
        text.AppendLine("# Activation-function search: test accuracy of the final networks").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Made by `{command}`. Each cell: median test accuracy (last epoch of the final training) over seeds, [min, max], and the permutation-test p-value of its median against coevolution's.").AppendLine();
        text.Append("| method |").AppendJoin(string.Empty, datasets.Select(d => $" {d} |")).AppendLine(" evaluations per search |");
        text.Append("|---|").AppendJoin(string.Empty, datasets.Select(_ => "---|")).AppendLine("---|");
        foreach (var method in methods)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {method} |");
            foreach (var dataset in datasets)
            {
                var cell = Accuracies(results, dataset, method);
                var coevo = Accuracies(results, dataset, "coevo");
                var p = method != "coevo" && coevo.Length > 0 && cell.Length > 0 ? string.Create(CultureInfo.InvariantCulture, $", p={PermutationP(cell, coevo):0.00}") : string.Empty;
                text.Append(cell.Length == 0 ? " – |" : string.Create(CultureInfo.InvariantCulture, $" {Median(cell):0.0000} [{cell.Min():0.0000}, {cell.Max():0.0000}] n={cell.Length}{p} |"));
            }

            var evaluations = results.Where(r => r.Method == method).Select(r => r.Evaluations).Distinct();
            text.AppendLine(CultureInfo.InvariantCulture, $" {string.Join("/", evaluations)} |");
        }

        text.AppendLine().AppendLine("## Runs").AppendLine();
        text.AppendLine("| dataset | method | seed | test acc (last) | test acc (max over epochs) | best validation in search | final network |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in results.OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Seed))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Dataset} | {r.Method} | {r.Seed} | {r.TestAccuracy:0.0000} | {r.TestAccuracyMax:0.0000} | {r.SearchFitness:0.0000} | {r.Functions.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        return text.ToString();
    }

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// Two-sided permutation p-value of |median(a) − median(b)|: the share of relabellings of the pooled values whose
    /// statistic is at least the observed one (exact over all splits when there are at most 20,000, else 10,000 draws).
    /// </summary>
    public static double PermutationP(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var pooled = a.Concat(b).ToArray();
        var observed = Math.Abs(Median(a) - Median(b)) - 1e-12;
        var n = pooled.Length;
        if (Binomial(n, a.Count) <= 20_000)
        {
            long total = 0, extreme = 0;
            foreach (var pick in Subsets(n, a.Count))
            {
                total++;
                var inA = pick.Select(i => pooled[i]).ToArray();
                var inB = Enumerable.Range(0, n).Except(pick).Select(i => pooled[i]).ToArray();
                extreme += Math.Abs(Median(inA) - Median(inB)) >= observed ? 1 : 0;
            }

            return (double)extreme / total;
        }

        var random = RandomSources.For(RandomKey.ForPurpose(0, "activation-comparison/permutation"));
        var hits = 0;
        const int rounds = 10_000;
        for (var r = 0; r < rounds; r++)
        {
            var shuffled = pooled.ToArray();
            random.Shuffle(shuffled);
            hits += Math.Abs(Median(shuffled[..a.Count]) - Median(shuffled[a.Count..])) >= observed ? 1 : 0;
        }

        return (hits + 1.0) / (rounds + 1.0);
    }

    private static double[] Accuracies(IReadOnlyList<Result> results, string dataset, string method) =>
        [.. results.Where(r => r.Dataset == dataset && r.Method == method).Select(r => r.TestAccuracy)];

    private static double Binomial(int n, int k)
    {
        double result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        var pick = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return pick.ToArray();
            var i = k - 1;
            while (i >= 0 && pick[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            pick[i]++;
            for (var j = i + 1; j < k; j++)
            {
                pick[j] = pick[j - 1] + 1;
            }
        }
    }
}
