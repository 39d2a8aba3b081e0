using EvoPrune.Cli.Hosting;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Hosting;
using EvoPrune.Cluster.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace EvoPrune.Cli.Tests;

/// <summary>The PostgreSQL grain storage provider against a real server on loopback (skipped when not installed).</summary>
[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public sealed class PostgresGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("evoprune-test", "directory-1");

    [SkippableFact]
    public async Task WriteReadClear_WithEtags_RoundTripsAndRefusesStaleWrites()
    {
        using var servers = LoopbackServers.Start(redis: false);
        using var host = SiloHostBuilder.Build(new SiloSettings { Store = servers.StoreUri(), Device = "cpu" });
        // The provider a silo with a postgres:// store registers, with Orleans' default storage serializer.
        var storage = Assert.IsType<PostgresGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.EvoPrune));

        var first = State(null, "run-b", "run-a");
        await storage.WriteStateAsync("directory", Grain, first);
        Assert.Equal("1", first.ETag);
        Assert.True(first.RecordExists);
        Assert.Equal(PostgresSchema.Version, servers.Scalar<int>("SELECT max(version) FROM evoprune_schema"));

        var read = State(null);
        await storage.ReadStateAsync("directory", Grain, read);
        Assert.Equal(["run-b", "run-a"], read.State.Active);
        Assert.Equal("1", read.ETag);
        Assert.True(read.RecordExists);

        // Two activations read etag 1; the first writes (etag 2); the second's write is refused and changes nothing.
        first.State.Active.Add("run-c");
        await storage.WriteStateAsync("directory", Grain, first);
        Assert.Equal("2", first.ETag);
        read.State.Active.Clear();
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("directory", Grain, read));
        Assert.Equal("2", stale.StoredEtag);
        Assert.Equal("1", stale.CurrentEtag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("directory", Grain, State(null))); // no etag: must not overwrite
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("directory", Grain, read));
        var after = State(null);
        await storage.ReadStateAsync("directory", Grain, after);
        Assert.Equal(["run-b", "run-a", "run-c"], after.State.Active);
        Assert.Equal(2L, servers.Scalar<long>("SELECT etag FROM evoprune_grain_state"));

        // Another state name of the same grain is its own row.
        var other = State(null, "x");
        await storage.WriteStateAsync("other", Grain, other);
        Assert.Equal(2L, servers.Scalar<long>("SELECT count(*) FROM evoprune_grain_state"));

        await storage.ClearStateAsync("directory", Grain, after);
        Assert.Null(after.ETag);
        Assert.False(after.RecordExists);
        var cleared = State("2", "left over");
        await storage.ReadStateAsync("directory", Grain, cleared);
        Assert.False(cleared.RecordExists);
        Assert.Null(cleared.ETag);
        Assert.Empty(cleared.State.Active);
        Assert.Equal(1L, servers.Scalar<long>("SELECT count(*) FROM evoprune_grain_state"));
    }

    [SkippableFact]
    public async Task Schema_FromPreviousVersion_IsMigratedKeepingRuns_AndNewerIsRefused()
    {
        using var servers = LoopbackServers.Start(redis: false);
        // A database as version 1 left it: the run tables with a run and its reports a row each, no grain state table.
        var runs = PostgresRunStore.Open(servers.StoreUri());
        runs.EnsureSchema();
        servers.Sql("evo", """
            DROP TABLE evoprune_grain_state; DROP TABLE evoprune_report_batches;
            CREATE TABLE evoprune_reports (run_id text NOT NULL REFERENCES evoprune_runs(run_id), generation integer NOT NULL,
                genome_id text NOT NULL, report text NOT NULL, PRIMARY KEY (run_id, generation, genome_id));
            DELETE FROM evoprune_schema WHERE version > 1
            """);
        var spec = new Cluster.Contracts.RunSpec("old-run", "sparse-mask", 42, 3, 2, ["main"], "{}", "configs/x.yaml");
        await runs.SaveRecordAsync(new Cluster.Contracts.RunRecord(spec, Cluster.Contracts.RunPhase.Completed, null, DateTimeOffset.UnixEpoch));
        servers.Sql("evo", """
            INSERT INTO evoprune_reports VALUES
              ('old-run', 1, 'main-g1-1', '{"genomeId":"main-g1-1","fitness":0.25,"scores":{},"failure":null,"silo":"s","device":"cpu","seconds":0.1,"failed":false}'),
              ('old-run', 1, 'main-g1-0', '{"genomeId":"main-g1-0","fitness":0.5,"scores":{"accuracy":0.5},"failure":null,"silo":"s","device":"cpu","seconds":0.1,"failed":false}')
            """);

        // The grain storage migrates on first use.
        using var host = SiloHostBuilder.Build(new SiloSettings { Store = servers.StoreUri(), Device = "cpu" });
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.EvoPrune);
        var state = State(null, "old-run");
        await storage.WriteStateAsync("directory", Grain, state);
        Assert.Equal(PostgresSchema.Version, servers.Scalar<int>("SELECT max(version) FROM evoprune_schema"));
        Assert.Equal((long)PostgresSchema.Version, servers.Scalar<long>("SELECT count(*) FROM evoprune_schema"));
        Assert.Equal(Cluster.Contracts.RunPhase.Completed, (await PostgresRunStore.Open(servers.StoreUri()).LoadRecordAsync("old-run"))!.Phase);
        // Version 3 keeps reports a batch per row: the old rows moved over.
        var moved = await PostgresRunStore.Open(servers.StoreUri()).LoadReportsAsync("old-run", 1);
        Assert.Equal([("main-g1-0", 0.5), ("main-g1-1", 0.25)], moved.Select(r => (r.GenomeId, r.Fitness)));
        Assert.Equal(0.5, moved[0].Scores["accuracy"]);
        Assert.Equal(0L, servers.Scalar<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'evoprune_reports'"));
        PostgresRunStore.Open(servers.StoreUri()).EnsureSchema(); // already current: nothing to do
        Assert.Equal((long)PostgresSchema.Version, servers.Scalar<long>("SELECT count(*) FROM evoprune_schema"));

        // A schema from a newer EvoPrune: the provider refuses it too.
        servers.Sql("evo", "INSERT INTO evoprune_schema (version) VALUES (99)");
        using var newer = SiloHostBuilder.Build(new SiloSettings { Store = servers.StoreUri(), Device = "cpu" });
        var refused = newer.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.EvoPrune);
        var tooNew = await Assert.ThrowsAsync<RunStoreSchemaException>(() => refused.ReadStateAsync("directory", Grain, State(null)));
        Assert.Contains("schema version 99", tooNew.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileStore_RegistersInMemoryGrainStorage()
    {
        using var folder = new TempFolder();
        using var host = SiloHostBuilder.Build(new SiloSettings { Store = folder.Path, Device = "cpu" });
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.EvoPrune);
        Assert.IsNotType<PostgresGrainStorage>(storage);
    }

    private static GrainState<RunDirectoryState> State(string? etag, params string[] active) =>
        new(new RunDirectoryState { Active = [.. active] }, etag);
}
