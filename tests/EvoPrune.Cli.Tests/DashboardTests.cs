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
        var promtool = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);
        if (promtool == null)
        {
            Assert.False(LoopbackServers.Required, "EVOPRUNE_REQUIRE_SERVERS=1 but promtool is not installed (Debian package prometheus)");
            Skip.If(true, "promtool not installed (Debian package prometheus)");
        }

        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(promtool!, ["test", "rules", PromtoolTestFile()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, stdout + stderr.Result);
        Assert.Contains("SUCCESS", stdout, StringComparison.Ordinal);
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

    [GeneratedRegex("(_seconds)?(_total|_bucket|_sum|_count)?$")]
    private static partial Regex SuffixPattern();
}
