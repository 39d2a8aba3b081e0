namespace EvoPrune.Cli.Tests;

/// <summary>Silo processes on Redis membership/reminders and the PostgreSQL run store, both real servers on loopback.</summary>
[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public sealed class RedisPostgresClusterTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private const string DirectorySql = "SELECT convert_from(payload, 'UTF8') FROM evoprune_grain_state WHERE state_name = 'directory'";

    [SkippableFact]
    public async Task ThreeSilos_SiloKilledAndPostgresRestartedMidRun_SecondClientFollowsToTheEnd_EveryGenerationStoredOnce()
    {
        using var servers = LoopbackServers.Start(redis: true);
        using var temp = new TempFolder();
        // Enough generations that the run is still going through the kill and the restart (a generation takes well under a second).
        const int generations = 80;
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: generations, population: 6));
        var silos = new List<CliProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var silo = CliProcess.Start(temp.Path, "silo", "--cluster", servers.RedisUri, "--store", servers.StoreUri(),
                    "--port", $"{LoopbackServers.FreePort()}", "--gateway", $"{LoopbackServers.FreePort()}", "--threads", "1");
                silos.Add(silo);
                await WaitForAsync(() => silo.Output.Contains("silo ready", StringComparison.Ordinal), silo);
            }

            Assert.DoesNotContain("127.0.0.1:0", silos[0].Output, StringComparison.Ordinal);
            var (submitted, submitOutput) = await CliProcess.RunAsync(temp.Path, Limit, "submit", config, "--run-id", "spread", "--cluster", servers.RedisUri);
            Assert.True(submitted == 0, submitOutput);

            // SIGKILL one silo while generation 1 is being evaluated.
            await WaitForAsync(() => servers.Scalar<long>("SELECT count(*) FROM evoprune_report_batches WHERE run_id = 'spread' AND generation = 1") > 0, silos[0]);
            // The run directory persists through the 'evoprune' grain storage provider, in PostgreSQL.
            Assert.Contains("spread", servers.Scalar<string>(DirectorySql), StringComparison.Ordinal);
            silos[2].Kill();
            // Restart PostgreSQL while the run goes on (cuts every connection).
            await WaitForAsync(() => servers.Scalar<long>("SELECT count(*) FROM evoprune_generations WHERE run_id = 'spread'") >= 2, silos[0]);
            var before = servers.Scalar<long>("SELECT count(*) FROM evoprune_generations WHERE run_id = 'spread'");
            servers.RestartPostgres();
            Assert.True(before < generations, $"the run had finished ({before} generations) before PostgreSQL restarted");

            // A second client, knowing only Redis, follows the run the first one submitted to its end.
            var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "resume", "spread", "--wait", "--cluster", servers.RedisUri);
            Assert.True(exit == 0, output + string.Join("\n---\n", silos.Select(s => s.Output)));

            Assert.Equal("Completed", servers.Scalar<string>("SELECT phase FROM evoprune_runs WHERE run_id = 'spread'"));
            Assert.Equal(generations, servers.Scalar<long>("SELECT count(*) FROM evoprune_generations WHERE run_id = 'spread'"));
            Assert.Equal(generations, servers.Scalar<long>("SELECT count(DISTINCT generation) FROM evoprune_generations WHERE run_id = 'spread'"));
            Assert.Equal(generations - 1, servers.Scalar<int>("SELECT max(generation) FROM evoprune_generations WHERE run_id = 'spread'"));
            // The finished run leaves the persisted directory: a removal that failed while PostgreSQL was away is retried
            // by the directory grain on its timer (every 2 s), and a stale write must not bring the run back.
            await WaitForAsync(() => !servers.Scalar<string>(DirectorySql).Contains("spread", StringComparison.Ordinal), silos[0]);
            // Generation 0 ran on all three silos.
            Assert.Equal(3L, servers.Scalar<long>("SELECT count(*) FROM jsonb_object_keys((SELECT evaluations_by_silo FROM evoprune_generations WHERE run_id = 'spread' AND generation = 0))"));

            // inspect reads the same PostgreSQL store and writes its pictures under populations/RUNID (nothing at the top).
            var (inspected, inspectOutput) = await CliProcess.RunAsync(temp.Path, Limit, "inspect", "spread", "--store", servers.StoreUri());
            Assert.True(inspected == 0, inspectOutput);
            Assert.Contains("spread", inspectOutput, StringComparison.Ordinal);
            Assert.True(new FileInfo(Path.Combine(temp.Path, "populations", "spread", "pictures", "fitness.png")).Length > 1000, inspectOutput);
            Assert.False(Directory.Exists(Path.Combine(temp.Path, "reports")), inspectOutput);
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    [SkippableFact]
    public async Task TwoSilos_PostgresRestartedMidRunAlone_RunCompletesWithEveryGenerationStoredOnce()
    {
        using var servers = LoopbackServers.Start(redis: true);
        using var temp = new TempFolder();
        // Enough generations that the run is still going when PostgreSQL restarts (a generation takes well under a second).
        const int generations = 40;
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: generations, population: 6));
        var silos = new List<CliProcess>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var silo = CliProcess.Start(temp.Path, "silo", "--cluster", servers.RedisUri, "--store", servers.StoreUri(),
                    "--port", $"{LoopbackServers.FreePort()}", "--gateway", $"{LoopbackServers.FreePort()}", "--threads", "1");
                silos.Add(silo);
                await WaitForAsync(() => silo.Output.Contains("silo ready", StringComparison.Ordinal), silo);
            }

            var (submitted, submitOutput) = await CliProcess.RunAsync(temp.Path, Limit, "submit", config, "--run-id", "restarted", "--cluster", servers.RedisUri);
            Assert.True(submitted == 0, submitOutput);

            // Only the store goes away: every connection is cut while generation 2 is being evaluated.
            await WaitForAsync(() => servers.Scalar<long>("SELECT count(*) FROM evoprune_generations WHERE run_id = 'restarted'") >= 2, silos[0]);
            var before = servers.Scalar<long>("SELECT count(*) FROM evoprune_generations WHERE run_id = 'restarted'");
            servers.RestartPostgres();
            Assert.True(before < generations, $"the run had finished ({before} generations) before PostgreSQL restarted");

            var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "resume", "restarted", "--wait", "--cluster", servers.RedisUri);
            Assert.True(exit == 0, output + string.Join("\n---\n", silos.Select(s => s.Output)));
            Assert.Equal("Completed", servers.Scalar<string>("SELECT phase FROM evoprune_runs WHERE run_id = 'restarted'"));
            Assert.Equal(generations, servers.Scalar<long>("SELECT count(*) FROM evoprune_generations WHERE run_id = 'restarted'"));
            Assert.Equal(generations, servers.Scalar<long>("SELECT count(DISTINCT generation) FROM evoprune_generations WHERE run_id = 'restarted'"));
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    [SkippableFact]
    public async Task OneProcessRun_OnALiveClustersDatabase_RefusedAndASiloOnALiveRunsDatabaseToo()
    {
        // Issue 19 item 8: a one-process run is a second cluster writing the same run directory row.
        using var servers = LoopbackServers.Start(redis: false);
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 2, population: 4));
        var longer = temp.File("longer.yaml", TestConfigs.TinyRun(generations: 500, population: 4));
        var port = LoopbackServers.FreePort();
        using (var silo = CliProcess.Start(temp.Path, "silo", "--store", servers.StoreUri(), "--port", $"{port}", "--primary-port", $"{port}", "--gateway", $"{LoopbackServers.FreePort()}", "--threads", "1"))
        {
            await WaitForAsync(() => silo.Output.Contains("silo ready", StringComparison.Ordinal), silo);

            var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "beside", "--store", servers.StoreUri());

            Assert.True(exit == 2, output);
            Assert.Single(output.Trim().Split('\n'));
            Assert.Contains("is in use by a running cluster (1 silo: evoprune silo ", output, StringComparison.Ordinal);
            Assert.Contains("evoprune submit", output, StringComparison.Ordinal);
            Assert.Equal(0L, servers.Scalar<long>("SELECT count(*) FROM evoprune_runs WHERE run_id = 'beside'"));
            // Killed, as a machine dies: PostgreSQL ends its session and with it the lease.
            silo.Kill();
        }

        using var run = CliProcess.Start(temp.Path, "run", longer, "--run-id", "alone", "--store", servers.StoreUri());
        await WaitForAsync(() => servers.Scalar<long>("SELECT count(*) FROM evoprune_generations WHERE run_id = 'alone'") > 0, run);
        port = LoopbackServers.FreePort();
        var (refused, refusal) = await CliProcess.RunAsync(temp.Path, Limit, "silo", "--store", servers.StoreUri(), "--port", $"{port}", "--primary-port", $"{port}", "--gateway", $"{LoopbackServers.FreePort()}");
        Assert.True(refused == 2, refusal);
        Assert.Contains("is in use by a one-process 'evoprune run' (evoprune run alone (exclusive))", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("silo ready", refusal, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Silo_BadStoreOrCluster_OneClearErrorExitNonZeroNothingWritten()
    {
        using var servers = LoopbackServers.Start(redis: true);
        using var temp = new TempFolder();
        var closed = LoopbackServers.FreePort();
        servers.Sql("postgres", "CREATE DATABASE newer");
        servers.Sql("newer", "CREATE TABLE evoprune_schema (version integer NOT NULL, applied timestamptz NOT NULL DEFAULT now()); INSERT INTO evoprune_schema (version) VALUES (99)");

        var cases = new (string[] Args, string Expected)[]
        {
            (["--store", $"postgres://evoprune@127.0.0.1:{closed}/evo"], "cannot be reached"),
            (["--store", $"postgres://evoprune@127.0.0.1:{servers.PgPort}/nosuchdb"], "cannot be reached"),
            (["--store", $"postgres://evoprune:topsecret@127.0.0.1:{servers.PgPort}/evo"], "EVOPRUNE_STORE_PASSWORD"),
            (["--store", servers.StoreUri("newer")], "schema version 99"),
            (["--store", servers.StoreUri(), "--cluster", $"redis://127.0.0.1:{closed}"], "cannot be reached"),
        };
        foreach (var (args, expected) in cases)
        {
            var (exit, output) = await CliProcess.RunAsync(temp.Path, TimeSpan.FromMinutes(2), ["silo", "--port", $"{LoopbackServers.FreePort()}", "--gateway", $"{LoopbackServers.FreePort()}", .. args]);
            Assert.True(exit == 2, $"{string.Join(' ', args)}: {output}");
            Assert.Contains(expected, output, StringComparison.Ordinal);
            Assert.DoesNotContain("topsecret", output, StringComparison.Ordinal);
            Assert.DoesNotContain("silo ready", output, StringComparison.Ordinal);
        }

        Assert.Equal(1L, servers.Scalar<long>("SELECT count(*) FROM evoprune_schema", "newer"));
        Assert.Equal(1L, servers.Scalar<long>("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'evoprune_%'", "newer"));
    }

    private static async Task WaitForAsync(Func<bool> condition, CliProcess process)
    {
        var until = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out; output:\n{process.Output}");
            await Task.Delay(200);
        }
    }
}
