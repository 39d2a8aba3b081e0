using System.Diagnostics;

namespace EvoPrune.Cli.Tests;

/// <summary>
/// Ctrl+C and container stops (issue 18, item 1): <c>run</c> stops promptly keeping what it finished, exits 130/143
/// with the command that resumes it, and the resumed run ends like an uninterrupted one; a silo leaves on SIGTERM.
/// </summary>
[Collection(SequentialProcesses.Name)]
public class SignalTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Run_SignalMidGeneration_ExitsWithSignalCodeAndResumeLineThenResumes(string signal, int expected)
    {
        using var temp = new TempFolder();
        // Generations take a fraction of a second: enough of them that the signal lands long before the run would end.
        const int generations = 30;
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: generations, population: 4));
        var store = Path.Combine(temp.Path, "store");
        int exit;
        string output;
        using (var run = CliProcess.Start(temp.Path, "run", config, "--run-id", "sig", "--store", store, "--threads", "1"))
        {
            // The first finished evaluation is on disk: the run is mid-generation.
            await RunResultsFile.WaitForReportsAsync(store, "sig", 0, Limit, run);
            Send(signal, run.Id);
            exit = await run.WaitAsync(TimeSpan.FromSeconds(45));
            output = run.Output;
        }

        Assert.True(exit == expected, $"exit {exit}\n{output}");
        Assert.Contains($"Continue it with: evoprune run --resume sig --store {store}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", "--resume", "sig", "--store", store, "--threads", "1");
        Assert.True(exit == 0, output);
        Assert.Equal(generations, RunResultsFile.History(store, "sig").Count);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Silo_SigTerm_LeavesTheClusterAndExitsZero()
    {
        using var temp = new TempFolder();
        using var silo = CliProcess.Start(temp.Path, "silo", "--port", "11821", "--gateway", "30821", "--primary-port", "11821", "--store", Path.Combine(temp.Path, "store"));
        var until = DateTime.UtcNow + Limit;
        while (!silo.Output.Contains("silo ready", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < until, silo.Output);
            await Task.Delay(200);
        }

        Send("TERM", silo.Id);
        var exit = await silo.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, silo.Output);
        Assert.Contains("left the cluster", silo.Output, StringComparison.Ordinal);
    }

    private static void Send(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
