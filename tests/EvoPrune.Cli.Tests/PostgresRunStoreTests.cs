using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cli.Tests;

/// <summary>The PostgreSQL run store against a real server on loopback (started here; skipped when not installed).</summary>
[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public sealed class PostgresRunStoreTests
{
    [SkippableFact]
    public async Task Store_SchemaEtagsCheckpointsAndQueries_BehaveAsDocumented()
    {
        using var servers = LoopbackServers.Start(redis: false);
        var store = PostgresRunStore.Open(servers.StoreUri());
        store.EnsureSchema();
        store.EnsureSchema(); // idempotent
        Assert.Equal(PostgresSchema.Version, servers.Scalar<int>("SELECT max(version) FROM evoprune_schema"));

        var spec = new RunSpec("run", "sparse-mask", 42, 3, 2, ["main"], "{}", "configs/x.yaml") { KeepCheckpoints = 2 };
        await store.SaveRecordAsync(new RunRecord(spec, RunPhase.Evaluating, null, DateTimeOffset.UnixEpoch));
        Assert.Equal(1L, store.KnownEtag("run"));

        // A second silo that read the record, then the first writes: the second's write is refused.
        var other = PostgresRunStore.Open(servers.StoreUri());
        Assert.Equal(RunPhase.Evaluating, (await other.LoadRecordAsync("run"))!.Phase);
        await store.SaveRecordAsync(new RunRecord(spec, RunPhase.Breeding, null, DateTimeOffset.UnixEpoch));
        var conflict = await Assert.ThrowsAsync<RunStoreConflictException>(() => other.SaveRecordAsync(new RunRecord(spec, RunPhase.Failed, "x", DateTimeOffset.UnixEpoch)));
        Assert.Contains("changed since this silo read it", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(RunPhase.Breeding, (await PostgresRunStore.Open(servers.StoreUri()).LoadRecordAsync("run"))!.Phase);
        // A stale store may not write a checkpoint either, and nothing of it lands.
        await Assert.ThrowsAsync<RunStoreConflictException>(() => other.SaveCheckpointAsync(Checkpoint(0, 0.5), keep: 2));
        Assert.Equal(0L, servers.Scalar<long>("SELECT count(*) FROM evoprune_generations"));

        for (var g = 0; g < 3; g++)
        {
            await store.SaveCheckpointAsync(Checkpoint(g, 0.5 + g), keep: 2);
        }

        await store.SaveCheckpointAsync(Checkpoint(2, 2.5), keep: 2); // the same checkpoint again: stored once
        await Assert.ThrowsAsync<RunStoreConflictException>(() => store.SaveCheckpointAsync(Checkpoint(2, 9.0), keep: 2));
        await Assert.ThrowsAsync<RunStoreConflictException>(() => store.SaveCheckpointAsync(Checkpoint(0, 0.5), keep: 2)); // going back (its body was pruned)

        Assert.Equal(2, (await store.LoadLatestCheckpointAsync("run", _ => { }))!.Generation);
        Assert.Equal(2L, servers.Scalar<long>("SELECT count(*) FROM evoprune_checkpoints"));
        Assert.Equal(3L, servers.Scalar<long>("SELECT count(DISTINCT generation) FROM evoprune_generations WHERE run_id = 'run'"));
        Assert.Equal(3L, servers.Scalar<long>("SELECT count(*) FROM evoprune_generations WHERE run_id = 'run'"));
        Assert.Equal(6L, servers.Scalar<long>("SELECT count(*) FROM evoprune_genomes WHERE run_id = 'run'"));
        // The README's "best genome per generation" query.
        Assert.Equal("main-g2-0", servers.Scalar<string>("""
            SELECT DISTINCT ON (generation) genome_id FROM evoprune_genomes
            WHERE run_id = 'run' AND failure IS NULL ORDER BY generation DESC, fitness DESC LIMIT 1
            """));
        Assert.Equal(2.5, servers.Scalar<double>("SELECT best_fitness FROM evoprune_generations WHERE run_id = 'run' AND generation = 2"));

        // Reports: a retried report is kept once.
        await store.AppendReportsAsync("run", 3, [new FitnessReport("main-g3-0", 1, new Dictionary<string, double>(), null, "s", "cpu", 0.1)]);
        await store.AppendReportsAsync("run", 3, [new FitnessReport("main-g3-0", 1, new Dictionary<string, double>(), null, "s", "cpu", 0.1)]);
        Assert.Single((await store.LoadReportsAsync("run", 3)));

        // Several generations in one write (the queue's write-behind): each lands in its own generation, and a report
        // already stored keeps the first one.
        IRunStore reports = store;
        await reports.AppendReportsAsync("run", [
            new ReportBatch(3, [new FitnessReport("main-g3-0", 9, new Dictionary<string, double>(), null, "s", "cpu", 0.1), new FitnessReport("main-g3-1", 2, new Dictionary<string, double>(), null, "s", "cpu", 0.1)]),
            new ReportBatch(4, [new FitnessReport("main-g4-0", 4, new Dictionary<string, double>(), null, "s", "cpu", 0.1)]),
        ]);
        Assert.Equal([("main-g3-0", 1.0), ("main-g3-1", 2.0)], (await store.LoadReportsAsync("run", 3)).Select(r => (r.GenomeId, r.Fitness)));
        Assert.Equal([("main-g4-0", 4.0)], (await store.LoadReportsAsync("run", 4)).Select(r => (r.GenomeId, r.Fitness)));

        // A schema from a newer EvoPrune: refused with one message, nothing written.
        servers.Sql("evo", "INSERT INTO evoprune_schema (version) VALUES (99)");
        var before = servers.Scalar<long>("SELECT etag FROM evoprune_runs WHERE run_id = 'run'");
        var tooNew = Assert.Throws<RunStoreSchemaException>(() => PostgresRunStore.Open(servers.StoreUri()).EnsureSchema());
        Assert.Contains("schema version 99", tooNew.Message, StringComparison.Ordinal);
        Assert.Equal(before, servers.Scalar<long>("SELECT etag FROM evoprune_runs WHERE run_id = 'run'"));
        Assert.Equal(PostgresSchema.Version + 1L, servers.Scalar<long>("SELECT count(*) FROM evoprune_schema"));
    }

    [SkippableFact]
    public async Task Lease_SilosShareItARunHoldsItAloneAndItComesBackAfterAServerRestart()
    {
        using var servers = LoopbackServers.Start(redis: false);
        var checkEvery = PostgresStoreLease.CheckEvery;
        PostgresStoreLease.CheckEvery = TimeSpan.FromMilliseconds(200);
        try
        {
            using var first = PostgresStoreLease.TryAcquire(servers.StoreUri(), exclusive: false, "evoprune silo a:1", out _);
            using var second = PostgresStoreLease.TryAcquire(servers.StoreUri(), exclusive: false, "evoprune silo b:2", out _);
            Assert.NotNull(first);
            Assert.NotNull(second);

            // A run is refused while silos hold it, and told which.
            Assert.Null(PostgresStoreLease.TryAcquire(servers.StoreUri(), exclusive: true, "evoprune run x", out var holders));
            Assert.Equal(["evoprune silo a:1", "evoprune silo b:2"], holders);
            // Another database of the same server is another lease.
            servers.Sql("postgres", "CREATE DATABASE other");
            using (var elsewhere = PostgresStoreLease.TryAcquire(servers.StoreUri("other"), exclusive: true, "evoprune run y", out _))
            {
                Assert.NotNull(elsewhere);
            }

            // After a restart cut every connection, the silos' leases are taken again within a few checks.
            servers.RestartPostgres();
            var until = DateTime.UtcNow.AddSeconds(30);
            IReadOnlyList<string> after = [];
            while (DateTime.UtcNow < until)
            {
                using var probe = PostgresStoreLease.TryAcquire(servers.StoreUri(), exclusive: true, "evoprune run x", out after);
                if (probe == null && after.Count == 2)
                {
                    break;
                }

                await Task.Delay(200);
            }

            Assert.Equal(["evoprune silo a:1", "evoprune silo b:2"], after);

            first!.Dispose();
            second!.Dispose();
            using var run = PostgresStoreLease.TryAcquire(servers.StoreUri(), exclusive: true, "evoprune run x", out _);
            Assert.NotNull(run);
            // Now a silo is refused, told that a run holds it.
            Assert.Null(PostgresStoreLease.TryAcquire(servers.StoreUri(), exclusive: false, "evoprune silo c:3", out holders));
            Assert.Equal(["evoprune run x (exclusive)"], holders);
        }
        finally
        {
            PostgresStoreLease.CheckEvery = checkEvery;
        }
    }

    [Fact]
    public void Connection_PasswordOnlyFromEnvironmentOrFile_AndNeverShown()
    {
        var inUri = Assert.Throws<FormatException>(() => PostgresConnection.Parse("postgres://u:secret@db:5433/evo", _ => null));
        Assert.DoesNotContain("secret", inUri.Message, StringComparison.Ordinal);
        var builder = PostgresConnection.Parse("postgres://u@db:5433/evo?sslmode=disable", v => v == PostgresConnection.PasswordVariable ? "hunter2" : null);
        Assert.Equal("hunter2", builder.Password);
        Assert.Equal(5433, builder.Port);
        Assert.Equal("postgres://u@db:5433/evo", PostgresConnection.Mask(builder));
        Assert.Equal("redis://a:***@h:1 password=***", PostgresConnection.Mask("redis://a:pw@h:1 password=pw"));
        Assert.Throws<FormatException>(() => PostgresConnection.Parse("postgres://db/", _ => null));
    }

    private static Checkpoint Checkpoint(int generation, double best)
    {
        FitnessReport Report(string id, double fitness) => new(id, fitness, new Dictionary<string, double> { ["sparsity"] = 0.9 }, null, "silo-a", "cpu", 1.5);
        var top = new ScoredGenome(new GenomeRecord($"main-g{generation}-0", "main", generation, 0, [0xAB]), Report($"main-g{generation}-0", best));
        var low = new ScoredGenome(new GenomeRecord($"main-g{generation}-1", "main", generation, 1, [0x01]), Report($"main-g{generation}-1", best - 1));
        var history = Enumerable.Range(0, generation + 1)
            .Select(g => new GenerationSummary(g, "main", 0.5 + g, 0, $"main-g{g}-0", "", 2, 0, new Dictionary<string, int> { ["silo-a"] = 2 }))
            .ToArray();
        return new Checkpoint("run", generation, [new PopulationSnapshot("main", generation, [top, low], [1, 2])], history);
    }
}
