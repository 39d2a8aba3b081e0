using System.Net;
using System.Net.Sockets;

namespace EvoPrune.Cli.Tests;

[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public class ClusterTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task ThreeSilos_OneKilledMidGeneration_RunCompletesOnEverySiloWithEveryGenerationCheckpointed()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 6, population: 6).Replace("  lease-seconds: 6", "  lease-seconds: 6\n  keep-checkpoints: 100", StringComparison.Ordinal));
        var ports = Enumerable.Range(0, 6).Select(_ => FreePort()).ToArray();
        var silos = new List<CliProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var silo = CliProcess.Start(temp.Path, "silo", "--port", $"{ports[i]}", "--gateway", $"{ports[3 + i]}", "--primary-port", $"{ports[0]}", "--store", temp.Path, "--threads", "1");
                silos.Add(silo);
                await WaitForOutputAsync(silo, "silo ready");
            }

            using var client = CliProcess.Start(temp.Path, "submit", config, "--run-id", "spread", "--wait", "--gateway", $"{ports[3]}");
            // Kill the third silo once generation 1 is under way (the coordinator lives on the primary's gateway silo).
            await RunResultsFile.WaitForFileAsync(Path.Combine(temp.Path, "spread", "reports", "gen-000001.jsonl"), Limit, client);
            var before = RunResultsFile.Silos(temp.Path, "spread");
            silos[2].Kill();

            var exit = await client.WaitAsync(Limit);
            Assert.True(exit == 0, client.Output + string.Join("\n---\n", silos.Select(s => s.Output)));
            Assert.Equal(3, before.Count);
            Assert.Equal(6, RunResultsFile.History(temp.Path, "spread").Count);
            var checkpoints = Directory.GetFiles(Path.Combine(temp.Path, "spread", "checkpoints")).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(Enumerable.Range(0, 6).Select(g => $"gen-{g:D6}.ckpt"), checkpoints);
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    [Fact]
    public async Task ThreeSilos_CoordinatorsSiloKilled_RunContinuesOnAnotherSiloAndMatchesAnEmbeddedRun()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 5, population: 6));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "reference", "--store", temp.Path);
        Assert.True(exit == 0, output);

        var ports = Enumerable.Range(0, 6).Select(_ => FreePort()).ToArray();
        var silos = new List<CliProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var silo = CliProcess.Start(temp.Path, "silo", "--port", $"{ports[i]}", "--gateway", $"{ports[3 + i]}", "--primary-port", $"{ports[0]}", "--store", temp.Path, "--threads", "1");
                silos.Add(silo);
                await WaitForOutputAsync(silo, "silo ready");
            }

            // Submitted through silo 1's gateway alone, so the coordinator (placed on the caller's silo) lives there.
            (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "submit", config, "--run-id", "moved", "--gateway", $"{ports[4]}");
            Assert.True(exit == 0, output);
            await RunResultsFile.WaitForFileAsync(Path.Combine(temp.Path, "moved", "reports", "gen-000002.jsonl"), Limit, silos[1]);
            silos[1].Kill();

            // A client of silo 0 asks for the run: the coordinator comes back there and continues from its checkpoint.
            (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "resume", "moved", "--wait", "--gateway", $"{ports[3]}");
            Assert.True(exit == 0, output + string.Join("\n---\n", silos.Select(s => s.Output)));
            Assert.Contains("continues from its last checkpoint", silos[0].Output + silos[2].Output, StringComparison.Ordinal);
            Assert.Equal(RunResultsFile.History(temp.Path, "reference"), RunResultsFile.History(temp.Path, "moved"));
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    [Fact]
    public async Task Silo_WithDashboardPort_ServesTheOrleansDashboardOnLoopbackListingItself()
    {
        using var temp = new TempFolder();
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort()).ToArray();
        using var silo = CliProcess.Start(temp.Path, "silo", "--port", $"{ports[0]}", "--gateway", $"{ports[1]}", "--primary-port", $"{ports[0]}", "--store", temp.Path, "--dashboard-port", $"{ports[2]}");
        await WaitForOutputAsync(silo, "silo ready");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[2]}/"), Timeout = TimeSpan.FromSeconds(30) };

        var page = await http.GetStringAsync(new Uri("", UriKind.Relative));
        // The dashboard gathers cluster counters every few seconds: the silo shows up after the first round.
        var hosts = Array.Empty<System.Text.Json.JsonElement>();
        for (var until = DateTime.UtcNow.AddSeconds(60); hosts.Length == 0 && DateTime.UtcNow < until; await Task.Delay(500))
        {
            using var counters = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri("DashboardCounters", UriKind.Relative)));
            hosts = counters.RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.Clone()).ToArray();
        }

        Assert.Contains("<title>Orleans Dashboard</title>", page, StringComparison.Ordinal);
        var host = Assert.Single(hosts);
        Assert.Equal(ports[1], host.GetProperty("proxyPort").GetInt32());
        Assert.Equal("Active", host.GetProperty("status").GetString());
    }

    private static async Task WaitForOutputAsync(CliProcess process, string text)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!process.Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"'{text}' not seen. Output:\n{process.Output}");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
