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
        var used = expressions.SelectMany(e => SeriesName().Matches(e).Select(m => m.Value))
            .Select(n => SuffixPattern().Replace(n, string.Empty))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.Subset(declared, used);
        Assert.Contains("evoprune_fitness_best", used);
    }

    [GeneratedRegex("evoprune_[a-z_]+")]
    private static partial Regex SeriesName();

    [GeneratedRegex("(_seconds)?(_total|_bucket|_sum|_count)?$")]
    private static partial Regex SuffixPattern();
}
