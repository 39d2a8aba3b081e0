using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EvoPrune.Cluster.Telemetry;

namespace EvoPrune.Cli.Tests;

public partial class DashboardTests
{
    [Fact]
    public void GrafanaDashboard_EveryEvoPruneSeries_IsAnInstrumentTheCodeDeclares()
    {
        var path = Path.Combine(RunCommandTests.RepoRoot(), "deploy", "grafana", "evoprune-dashboard.json");
        using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToArray();

        // Prometheus names: dots become underscores; counters gain _total, histograms _seconds_bucket/_sum/_count.
        var declared = typeof(EvoPruneTelemetry).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name.EndsWith("Instrument", StringComparison.Ordinal))
            .Select(f => ((string)f.GetRawConstantValue()!).Replace('.', '_'))
            .ToHashSet(StringComparer.Ordinal);
        var used = expressions.SelectMany(e => SeriesName().Matches(e).Select(m => m.Value)).Where(n => n.StartsWith("evoprune_", StringComparison.Ordinal))
            .Select(n => SuffixPattern().Replace(n, string.Empty))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.Subset(declared, used);
        Assert.Contains("evoprune_fitness_best", used);
    }

    [Fact]
    public void GrafanaDashboard_EveryTarget_IsOneSeriesFamilyWithoutOr()
    {
        // `a or b` keeps b's series only where a has none with the same labels: best/mean/worst share theirs, so the
        // panel showed best alone. One target per series family instead.
        foreach (var (title, expr, _) in Targets())
        {
            Assert.DoesNotMatch(OrOperator(), expr);
            Assert.Single(SeriesName().Matches(expr).Select(m => m.Value).Distinct());
            Assert.False(string.IsNullOrWhiteSpace(title));
        }
    }

    [Fact]
    public void GrafanaDashboard_EveryPanel_SaysWhichSiloReportsIt()
    {
        // Issue 19 item 3: the run's gauges come from the coordinator's silo only, evaluations from every silo.
        var path = Path.Combine(RunCommandTests.RepoRoot(), "deploy", "grafana", "evoprune-dashboard.json");
        using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            var title = panel.GetProperty("title").GetString();
            var description = panel.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
            var exprs = string.Join(" ", panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()));
            var perSilo = exprs.Contains("evaluation", StringComparison.Ordinal) || exprs.Contains("orleans_", StringComparison.Ordinal);
            Assert.True(description.Contains(perSilo ? "Every silo" : "coordinator", StringComparison.Ordinal), $"panel '{title}': {description}");
            // Aggregated over instances, so which silo holds the coordinator does not matter.
            Assert.True(panel.GetProperty("targets").EnumerateArray().All(t => t.GetProperty("expr").GetString() is { } e
                && (e.StartsWith("max", StringComparison.Ordinal) || e.StartsWith("sum", StringComparison.Ordinal) || e.StartsWith("histogram_quantile(0.", StringComparison.Ordinal))), $"panel '{title}': {exprs}");
        }

        var readme = File.ReadAllText(Path.Combine(RunCommandTests.RepoRoot(), "README.md"));
        Assert.Contains("**Which silo exports what.**", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void GrafanaDashboard_EveryPanelQuery_FindsItsSeriesAndLabelsInARecordedSiloScrape()
    {
        // Recorded from two real silos (ClusterTests' two-silo test with EVOPRUNE_RECORD_SCRAPE set) after a run.
        AssertEveryPanelSeriesIn(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "silo-scrape.prom")));
    }

    [Fact]
    public void GrafanaDashboard_PromtoolUnitTest_CoversExactlyThePanelQueries()
    {
        var tested = PromtoolExpr().Matches(File.ReadAllText(PromtoolTestFile())).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        Assert.Equal(Targets().Select(t => t.Expr).Order(StringComparer.Ordinal), tested);
    }

    [SkippableFact]
    public void GrafanaDashboard_EveryPanelQuery_ReturnsEveryExpectedSeriesUnderPromtool()
    {
        var promtool = Promtool();
        if (promtool == null)
        {
            Assert.False(LoopbackServers.Required, "EVOPRUNE_REQUIRE_SERVERS=1 but promtool is not installed (Debian package prometheus)");
            Skip.If(true, "promtool not installed (Debian package prometheus)");
        }

        var (exit, output) = RunPromtool(promtool!, PromtoolTestFile());

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void GrafanaDashboard_EveryPanelQuery_ReturnsSeriesFromTheRecordedSiloScrapeUnderPromtool()
    {
        // The recorded scrape of two real silos (one section per target_info), fed to Prometheus' own engine.
        var scrape = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "silo-scrape.prom"));
        var silos = scrape.Split("# TYPE target_info gauge").Where(p => p.Contains("target_info{", StringComparison.Ordinal))
            .Select((p, i) => ($"silo-{i}:9464", p)).ToArray();
        Assert.Equal(2, silos.Length);

        AssertPromtoolEvaluatesEveryPanel(silos, requireTool: true);
    }

    /// <summary>
    /// Runs every dashboard query through promtool over real scrapes (one per silo, as Prometheus would store them with
    /// their instance label; counters grow by their scraped value every 15 s, gauges stay) and asserts each returns at
    /// least one finite series with the labels its <c>by (…)</c> keeps. Without promtool: skips (or fails when
    /// <paramref name="requireTool"/> and EVOPRUNE_REQUIRE_SERVERS=1); returns false when it did not run.
    /// </summary>
    internal static bool AssertPromtoolEvaluatesEveryPanel(IReadOnlyList<(string Instance, string Scrape)> silos, bool requireTool)
    {
        var promtool = Promtool();
        if (promtool == null)
        {
            if (requireTool)
            {
                Assert.False(LoopbackServers.Required, "EVOPRUNE_REQUIRE_SERVERS=1 but promtool is not installed (Debian package prometheus)");
                Skip.If(true, "promtool not installed (Debian package prometheus)");
            }

            return false;
        }

        var targets = Targets();
        var families = targets.SelectMany(t => SeriesName().Matches(t.Expr).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        var inputs = new List<(string Name, Dictionary<string, string> Labels, double Value)>();
        var yaml = new System.Text.StringBuilder("rule_files: []\nevaluation_interval: 15s\ntests:\n  - interval: 15s\n    input_series:\n");
        foreach (var (instance, text) in silos)
        {
            foreach (var line in text.Split('\n').Where(l => l.Length > 0 && l[0] != '#'))
            {
                var sample = ScrapeSample().Match(line);
                Assert.True(sample.Success, $"not a sample line: {line}");
                var name = sample.Groups["name"].Value;
                if (!families.Contains(name))
                {
                    continue;
                }

                var value = double.Parse(sample.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var labels = sample.Groups["labels"].Value;
                inputs.Add((name, Labels(labels), value));
                var series = $"{name}{{instance=\"{instance}\",job=\"evoprune\"{(labels.Length > 0 ? "," + labels : "")}}}";
                var growing = name.EndsWith("_total", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal)
                    || name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal);
                var v = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                yaml.Append($"      - series: '{series.Replace("'", "''", StringComparison.Ordinal)}'\n        values: '{(growing ? $"0+{v}x20" : $"{v}+0x20")}'\n");
            }
        }

        // No expected samples: promtool reports what each query returned ("got: ..."), and nothing for an empty result.
        yaml.Append("    promql_expr_test:\n");
        foreach (var expr in targets.Select(t => t.Expr).Distinct())
        {
            yaml.Append($"      - expr: '{expr.Replace("'", "''", StringComparison.Ordinal)}'\n        eval_time: 5m\n        exp_samples: []\n");
        }

        var file = Path.Combine(Path.GetTempPath(), $"evoprune-dashboard-{Guid.NewGuid():N}.test.yml");
        File.WriteAllText(file, yaml.ToString());
        string output;
        try
        {
            output = RunPromtool(promtool, file).Output;
        }
        finally
        {
            File.Delete(file);
        }

        var got = PromtoolGot().Matches(output).ToDictionary(m => m.Groups["expr"].Value, m => m.Groups["got"].Value, StringComparer.Ordinal);
        foreach (var (title, expr, _) in targets)
        {
            Assert.True(got.TryGetValue(expr, out var result), $"panel '{title}': '{expr}' returned nothing over the scrape\n{output}");
            var series = PromtoolSeries().Matches(result).ToArray();
            Assert.True(series.Length > 0, $"panel '{title}': '{expr}' returned {result}");
            var kept = ByClause().Matches(expr).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))
                .Where(l => l != "le" || !expr.StartsWith("histogram_quantile", StringComparison.Ordinal)).ToArray();
            var expected = Expected(expr, kept, inputs);
            Assert.True(expected.Count == series.Length, $"panel '{title}': '{expr}' returned {result}; expected {string.Join(", ", expected.Select(e => $"{e.Key} {e.Value}"))}");
            foreach (var one in series)
            {
                var labels = Labels(one.Groups["labels"].Value.Trim('{', '}'));
                Assert.Equal(kept.Order(StringComparer.Ordinal), labels.Keys.Order(StringComparer.Ordinal));
                var key = string.Join(",", kept.Select(l => labels[l]));
                var value = double.Parse(one.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(expected.TryGetValue(key, out var want) && Math.Abs(value - want) <= 1e-9 * Math.Max(1, Math.Abs(want)), $"panel '{title}': '{expr}' gave {key} {value}, the scrape says {want}");
            }
        }

        return true;
    }

    /// <summary>
    /// What a dashboard query must return over <paramref name="inputs"/> (each counter grows by its scraped value every
    /// 15 s, so its rate is value / 15), by the values of its kept labels: max of a gauge, sum of rates, or the quantile
    /// of the summed buckets interpolated as Prometheus does. A query of any other form fails.
    /// </summary>
    private static Dictionary<string, double> Expected(string expr, string[] kept, List<(string Name, Dictionary<string, string> Labels, double Value)> inputs)
    {
        string Key(Dictionary<string, string> labels) => string.Join(",", kept.Select(l => labels.GetValueOrDefault(l, "")));
        if (Regex.Match(expr, @"^max(?: by \([^)]*\) | by \([^)]*\))?\((?<f>[a-z_]+)\)$") is { Success: true } gauge)
        {
            return inputs.Where(i => i.Name == gauge.Groups["f"].Value).GroupBy(i => Key(i.Labels)).ToDictionary(g => g.Key, g => g.Max(i => i.Value));
        }

        if (Regex.Match(expr, @"^sum(?: by \([^)]*\) )?\(rate\((?<f>[a-z_]+)\[\w+\]\)\)$") is { Success: true } rate)
        {
            return inputs.Where(i => i.Name == rate.Groups["f"].Value).GroupBy(i => Key(i.Labels)).ToDictionary(g => g.Key, g => g.Sum(i => i.Value / 15));
        }

        var quantile = Regex.Match(expr, @"^histogram_quantile\((?<q>[0-9.]+), sum by \([^)]*\) \(rate\((?<f>[a-z_]+)\[\w+\]\)\)\)$");
        Assert.True(quantile.Success, $"'{expr}' is none of the forms the dashboard test knows (max, sum of rate, histogram_quantile of summed rates)");
        var q = double.Parse(quantile.Groups["q"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return inputs.Where(i => i.Name == quantile.Groups["f"].Value).GroupBy(i => Key(i.Labels)).ToDictionary(g => g.Key, g =>
        {
            var buckets = g.GroupBy(i => i.Labels["le"]).Select(b => (Le: b.Key == "+Inf" ? double.PositiveInfinity : double.Parse(b.Key, System.Globalization.CultureInfo.InvariantCulture), Count: b.Sum(i => i.Value)))
                .OrderBy(b => b.Le).ToArray();
            var rank = q * buckets[^1].Count;
            var index = Array.FindIndex(buckets, b => b.Count >= rank);
            if (double.IsPositiveInfinity(buckets[index].Le))
            {
                return buckets[^2].Le;
            }

            var (lower, below) = index == 0 ? (0.0, 0.0) : (buckets[index - 1].Le, buckets[index - 1].Count);
            return lower + ((buckets[index].Le - lower) * (rank - below) / (buckets[index].Count - below));
        });
    }

    private static Dictionary<string, string> Labels(string text) =>
        LabelPair().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);

    private static string? Promtool() => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);

    private static (int ExitCode, string Output) RunPromtool(string promtool, string file)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(promtool, ["test", "rules", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string PromtoolTestFile() => Path.Combine(RunCommandTests.RepoRoot(), "deploy", "grafana", "dashboard-queries.test.yml");

    /// <summary>
    /// Every series a dashboard query names has samples in <paramref name="scrape"/> (Prometheus text format), with every
    /// label its <c>by (…)</c> clause and legend use.
    /// </summary>
    internal static void AssertEveryPanelSeriesIn(string scrape)
    {
        var samples = scrape.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToArray();
        Assert.NotEmpty(samples);
        foreach (var (title, expr, legend) in Targets())
        {
            foreach (var name in SeriesName().Matches(expr).Select(m => m.Value).Distinct())
            {
                var lines = samples.Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal)).ToArray();
                Assert.True(lines.Length > 0, $"panel '{title}': no {name} in the scrape");
                var labels = ByClause().Matches(expr).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries))
                    .Concat(LegendLabel().Matches(legend).Select(m => m.Groups[1].Value));
                foreach (var label in labels.Distinct())
                {
                    Assert.True(lines.Any(l => l.Contains(label + "=\"", StringComparison.Ordinal)), $"panel '{title}': {name} has no label '{label}'");
                }
            }
        }
    }

    private static IEnumerable<(string Title, string Expr, string Legend)> Targets()
    {
        var path = Path.Combine(RunCommandTests.RepoRoot(), "deploy", "grafana", "evoprune-dashboard.json");
        using var dashboard = JsonDocument.Parse(File.ReadAllText(path));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (
                p.GetProperty("title").GetString()!,
                t.GetProperty("expr").GetString()!,
                t.TryGetProperty("legendFormat", out var l) ? l.GetString()! : "")))
            .ToArray();
    }

    [GeneratedRegex("(evoprune|orleans)_[a-z_]+")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"^      - expr: '(.*)'$", RegexOptions.Multiline)]
    private static partial Regex PromtoolExpr();

    [GeneratedRegex(@"\bor\b")]
    private static partial Regex OrOperator();

    [GeneratedRegex(@"\bby \(([^)]*)\)")]
    private static partial Regex ByClause();

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex LegendLabel();

    // A Prometheus text-format sample: name{labels} value [timestamp].
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex ScrapeSample();

    // promtool's report of a promql_expr_test whose result differs from exp_samples.
    [GeneratedRegex(@"expr: ""(?<expr>.*)"", time: .*\n\s*exp: .*\n\s*got: (?<got>.*)")]
    private static partial Regex PromtoolGot();

    [GeneratedRegex(@"(?<labels>\{[^}]*\}) (?<value>[-+0-9.eEInfNa]+)")]
    private static partial Regex PromtoolSeries();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    [GeneratedRegex("(_seconds)?(_total|_bucket|_sum|_count)?$")]
    private static partial Regex SuffixPattern();
}
