using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;
using EvoPrune.Cli.Output;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cli.Tests;

/// <summary>Pure checks of what the CLI prints and refuses (issue 18, items 9, 11, 14).</summary>
public class OutputTextTests
{
    [Theory]
    [InlineData(FitnessReport.WorstFitness, "failed")]
    [InlineData(double.NaN, "n/a")]
    [InlineData(0.92101, "0.9210")]
    [InlineData(-3.5, "-3.5000")]
    [InlineData(1e20, "1E+20")]
    public void Format_Fitness_IsShortAndReadable(double fitness, string expected) =>
        Assert.Equal(expected, FitnessText.Format(fitness));

    [Fact]
    public async Task EveryEvaluationFailed_AllReportsFailed_NamesTheMostCommonCause()
    {
        using var temp = new TempFolder();
        var store = new FileRunStore(temp.Path);
        await store.AppendReportsAsync("r", 0, [
            FitnessReport.ForFailure("g0", "TorchUnavailableException: no CUDA", "s", "cuda:0", 0.1),
            FitnessReport.ForFailure("g1", "TorchUnavailableException: no CUDA", "s", "cuda:0", 0.1),
            FitnessReport.ForFailure("g2", "IOException: disk", "s", "cuda:0", 0.1),
        ]);
        var status = Status(new GenerationSummary(0, "main", FitnessReport.WorstFitness, double.NaN, "g0", "", 3, 3, new Dictionary<string, int>()));

        var verdict = await RunVerdict.EveryEvaluationFailedAsync(status, store);

        Assert.Equal("every one of the 3 evaluations failed; most common cause (2 of 3): TorchUnavailableException: no CUDA", verdict);
    }

    [Fact]
    public async Task EveryEvaluationFailed_OneSucceeded_IsNull() =>
        Assert.Null(await RunVerdict.EveryEvaluationFailedAsync(
            Status(new GenerationSummary(0, "main", 0.5, 0.2, "g0", "", 3, 2, new Dictionary<string, int>())), null));

    [Theory]
    [InlineData("../elsewhere/RUN", "is a path")]
    [InlineData("a b", "holds other characters")]
    [InlineData("", "it is empty")]
    public void Check_NotARunId_ThrowsBadInputSayingWhy(string id, string expected) =>
        Assert.Contains(expected, Assert.Throws<BadInputException>(() => RunIds.Check(id)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("redis://cache?password=hunter2", "carries a password")]
    [InlineData("redis://cache:6379?ssl=true", "query settings (ssl)")]
    public void Parse_RedisUriWithQuery_IsRefusedWithoutEchoingThePassword(string uri, string expected)
    {
        var message = Assert.Throws<FormatException>(() => RedisCluster.Parse(uri, _ => null)).Message;
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    private static RunStatus Status(GenerationSummary summary) =>
        new("r", RunPhase.Completed, 1, 1, 0, 0, [summary], null, "folder");
}
