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
        // Leases of one genome: the queue may otherwise hand a whole quick generation to one silo (that is fastest), and
        // this test needs the silo it kills to hold work.
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 12, population: 6).Replace("  lease-seconds: 6", "  lease-seconds: 6\n  lease-batch: 1\n  keep-checkpoints: 100", StringComparison.Ordinal));
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
            // Kill the third silo once generation 1 is under way and every silo's reports are on disk (they are written
            // behind, so generation 1 can open before the last of generation 0's reach the file). The coordinator lives
            // on the primary's gateway silo.
            await RunResultsFile.WaitForReportsAsync(temp.Path, "spread", 1, Limit, client);
            var before = await SilosReportedAsync(temp.Path, "spread", 3, client);
            silos[2].Kill();

            var exit = await client.WaitAsync(Limit);
            Assert.True(exit == 0, client.Output + string.Join("\n---\n", silos.Select(s => s.Output)));
            Assert.Equal(3, before.Count);
            Assert.Equal(12, RunResultsFile.History(temp.Path, "spread").Count);
            var checkpoints = Directory.GetFiles(Path.Combine(temp.Path, "spread", "checkpoints")).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(Enumerable.Range(0, 12).Select(g => $"gen-{g:D6}.ckpt"), checkpoints);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            // A time-out or a crash: what every process printed is the only trace of a cluster that went wrong.
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n{string.Join("\n---\n", silos.Select(s => s.Output))}", ex);
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
        // Enough generations that the kill after generation 2's first reports lands mid-run (a generation takes a fraction of a second).
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 20, population: 6));
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
            await RunResultsFile.WaitForReportsAsync(temp.Path, "moved", 2, Limit, silos[1]);
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

    // The silos that reported in the run so far, once there are `count` of them (or whatever there are when the client
    // ends or the limit passes, for the assertion to show).
    private static async Task<IReadOnlyList<string>> SilosReportedAsync(string store, string runId, int count, CliProcess client)
    {
        var until = DateTime.UtcNow + Limit;
        IReadOnlyList<string> seen = [];
        while (DateTime.UtcNow < until && !client.HasExited)
        {
            try
            {
                seen = RunResultsFile.Silos(store, runId);
            }
            catch (System.Text.Json.JsonException)
            {
                // A line being appended right now: read again.
            }

            if (seen.Count >= count)
            {
                break;
            }

            await Task.Delay(20);
        }

        return seen;
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

    [Fact]
    public async Task TwoSilos_SecondOnAnotherLoopbackAddress_EachScrapedOnItsOwnAddressAndTheDashboardAnswersForBoth()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 3, population: 8));
        var p = Enumerable.Range(0, 7).Select(_ => FreePort()).ToArray();
        var second = IPAddress.Parse("127.0.0.2");
        var silos = new List<CliProcess>();
        try
        {
            // The primary has metrics only; the second silo, on 127.0.0.2, has metrics and the dashboard page.
            silos.Add(CliProcess.Start(temp.Path, "silo", "--port", $"{p[0]}", "--gateway", $"{p[1]}", "--primary-port", $"{p[0]}", "--store", temp.Path, "--threads", "1", "--prometheus-port", $"{p[2]}"));
            await WaitForOutputAsync(silos[0], "silo ready");
            silos.Add(CliProcess.Start(temp.Path, "silo", "--port", $"{p[3]}", "--gateway", $"{p[4]}", "--primary-port", $"{p[0]}", "--store", temp.Path, "--threads", "1",
                "--listen", "127.0.0.2", "--prometheus-port", $"{p[5]}", "--dashboard-port", $"{p[6]}"));
            await WaitForOutputAsync(silos[1], "silo ready: 127.0.0.2");

            var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "submit", config, "--run-id", "scraped", "--wait", "--gateway", $"{p[1]}");
            Assert.True(exit == 0, output + string.Join("\n---\n", silos.Select(s => s.Output)));
            Assert.Equal(2, RunResultsFile.Silos(temp.Path, "scraped").Count);

            // Each silo's metrics on its own listen address, whatever Host header the scraper sends (a pod IP, a service name).
            var primary = await ScrapeAsync(new IPEndPoint(IPAddress.Loopback, p[2]), host: null);
            var other = await ScrapeAsync(new IPEndPoint(second, p[5]), host: null);
            var renamed = await ScrapeAsync(new IPEndPoint(second, p[5]), host: $"evoprune-silo-1.evoprune.svc:{p[5]}");
            Assert.Contains("evoprune_evaluations_total{", primary, StringComparison.Ordinal);
            Assert.Contains("evoprune_evaluations_total{", other, StringComparison.Ordinal);
            Assert.Contains("evoprune_evaluations_total{", renamed, StringComparison.Ordinal);
            // As README's "Which silo exports what" says: the run's gauges come from the coordinator's silo (the primary,
            // whose gateway took the submit) alone; the other exports its own evaluations only.
            Assert.Contains("evoprune_fitness_best{", primary, StringComparison.Ordinal);
            Assert.DoesNotContain("evoprune_fitness_best", other, StringComparison.Ordinal);
            if (Environment.GetEnvironmentVariable("EVOPRUNE_RECORD_SCRAPE") is { Length: > 0 } record)
            {
                await File.WriteAllTextAsync(record, primary + other);
            }

            DashboardTests.AssertEveryPanelSeriesIn(primary + other);
            // And every panel's query, run by Prometheus' engine (promtool) over these two live scrapes, returns its series.
            DashboardTests.AssertPromtoolEvaluatesEveryPanel([("silo-0:9464", primary), ("silo-1:9464", other)], requireTool: false);
            // Bound to the listen address, not to every interface: the primary's metrics are not on 127.0.0.2.
            await Assert.ThrowsAsync<HttpRequestException>(() => ScrapeAsync(new IPEndPoint(second, p[2]), host: null));

            // The dashboard page is on the second silo only; its grains may activate on either, and answer every call.
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{p[6]}/"), Timeout = TimeSpan.FromSeconds(30) };
            var hosts = 0;
            for (var round = 0; round < 120 && hosts < 2; round++, await Task.Delay(500))
            {
                using var counters = await http.GetAsync(new Uri("DashboardCounters", UriKind.Relative));
                using var stats = await http.GetAsync(new Uri("ClusterStats", UriKind.Relative));
                var body = await counters.Content.ReadAsStringAsync();
                Assert.True(counters.IsSuccessStatusCode, $"DashboardCounters {(int)counters.StatusCode}: {body}");
                Assert.True(stats.IsSuccessStatusCode, $"ClusterStats {(int)stats.StatusCode}: {await stats.Content.ReadAsStringAsync()}");
                using var json = System.Text.Json.JsonDocument.Parse(body);
                hosts = json.RootElement.GetProperty("hosts").EnumerateArray().Count(h => h.GetProperty("status").GetString() == "Active");
            }

            Assert.Equal(2, hosts);
            using var notOnDashboardPort = await http.GetAsync(new Uri("metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, notOnDashboardPort.StatusCode);
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
    public async Task OneSiloFourWorkers_ManyConcurrentEvaluationsUnderConstantCollections_NoneFails()
    {
        // Four workers train at once in one silo process with a 1 MB gen-0 budget (DOTNET_GCgen0size) for frequent GCs: the
        // condition under which TorchSharp's optimisers had libtorch read a freed Scalar in SGD.step (1 in ~3,000
        // evaluations on a 3-silo cluster). ConcurrentTrainingTests provokes it harder in-process.
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 3, population: 32));
        var p = Enumerable.Range(0, 3).Select(_ => FreePort()).ToArray();
        var environment = new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_GCgen0size"] = "0x100000" };
        using var silo = CliProcess.Start(temp.Path, environment, "silo", "--port", $"{p[0]}", "--gateway", $"{p[1]}", "--primary-port", $"{p[0]}", "--store", temp.Path,
            "--threads", "1", "--workers", "4", "--prometheus-port", $"{p[2]}");
        await WaitForOutputAsync(silo, "silo ready");

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "submit", config, "--run-id", "stress", "--wait", "--gateway", $"{p[1]}");
        Assert.True(exit == 0, output + silo.Output);

        var reports = Directory.GetFiles(Path.Combine(temp.Path, "stress", "reports"), "*.jsonl").SelectMany(File.ReadLines)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        Assert.Equal(3 * 32, reports.Length);
        Assert.All(reports, r => Assert.True(!r.TryGetProperty("failure", out var f) || f.ValueKind == System.Text.Json.JsonValueKind.Null, r.ToString()));
        var metrics = await ScrapeAsync(new IPEndPoint(IPAddress.Loopback, p[2]), host: null);
        Assert.Contains("evoprune_evaluations_total{otel_scope_name=\"EvoPrune\",device=\"cpu\",outcome=\"ok\"} 96", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("outcome=\"failed\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_PrimaryWithListenOtherThanLoopback_RefusedWithOneLine()
    {
        using var temp = new TempFolder();
        var port = FreePort();
        var (exit, output) = await CliProcess.RunAsync(temp.Path, TimeSpan.FromMinutes(1), "silo", "--port", $"{port}", "--gateway", $"{FreePort()}", "--primary-port", $"{port}", "--store", temp.Path, "--listen", "127.0.0.2");

        Assert.Equal(2, exit);
        Assert.Contains("--listen 127.0.0.2: without --cluster the primary silo listens on 127.0.0.1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("silo ready", output, StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
    }

    private static async Task<string> ScrapeAsync(IPEndPoint endpoint, string? host)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{endpoint}/metrics"));
        if (host != null)
        {
            request.Headers.Host = host;
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{endpoint} (Host {host}): {(int)response.StatusCode} {text}");
        return text;
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
