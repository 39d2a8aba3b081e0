using System.Text.Json;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cli.Hosting;

/// <summary>Checks a silo's store before the silo starts, so a bad store is one clear error and not a half-started silo.</summary>
public static class SiloStores
{
    /// <summary>The store a silo with this <c>--store</c> uses (nothing is created yet).</summary>
    public static IRunStore Open(string store) =>
        PostgresConnection.IsPostgres(store ?? throw new ArgumentNullException(nameof(store))) ? PostgresRunStore.Open(store) : new FileRunStore(store);

    /// <summary>
    /// Where reports and pictures of run <paramref name="runId"/> go, as a full path: the run's own folder in a file
    /// store, else (PostgreSQL) the folder the default file store would give it, <c>populations/RUNID</c> under the
    /// working directory (ignored by git in a checkout). Nothing is created.
    /// </summary>
    public static string OutputFolder(IRunStore store, string runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store is FileRunStore ? store.Describe(runId) : Path.GetFullPath(Path.Combine(FileRunStoreOptions.DefaultRoot, runId));
    }

    /// <summary>
    /// For a folder: checks it is writable. For <c>postgres://</c>: connects and creates or migrates the schema (refusing a
    /// newer one). Returns how the store may be shown in logs (no password).
    /// </summary>
    public static string Prepare(string store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (PostgresConnection.IsPostgres(store))
        {
            var postgres = PostgresRunStore.Open(store);
            postgres.EnsureSchema();
            return postgres.Display;
        }

        new FileRunStore(store).EnsureWritable();
        return Path.GetFullPath(store);
    }

    /// <summary>
    /// For a <c>postgres://</c> store, the shared lease every silo of a cluster holds (see <see cref="PostgresStoreLease"/>);
    /// throws <see cref="BadInputException"/> when a one-process <c>evoprune run</c> is using the database. Null for a folder.
    /// </summary>
    public static PostgresStoreLease? LeaseForSilo(string store, int siloPort)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!PostgresConnection.IsPostgres(store))
        {
            return null;
        }

        return PostgresStoreLease.TryAcquire(store, exclusive: false, $"evoprune silo {Environment.MachineName}:{siloPort}", out var holders)
            ?? throw new BadInputException(
                $"The run store {PostgresRunStore.Open(store).Display} is in use by a one-process 'evoprune run' ({PostgresStoreLease.Describe(holders)}): a silo there would be a second cluster writing the same run directory. Let that run finish or stop it, or give this silo another database.");
    }

    /// <summary>
    /// For a <c>postgres://</c> store, the exclusive lease of a one-process run; throws <see cref="BadInputException"/> when
    /// silos of a running cluster (or another one-process run) use the database. Null for a folder.
    /// </summary>
    public static PostgresStoreLease? LeaseForRun(string store, string runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!PostgresConnection.IsPostgres(store))
        {
            return null;
        }

        var lease = PostgresStoreLease.TryAcquire(store, exclusive: true, $"evoprune run {runId}", out var holders);
        if (lease != null)
        {
            return lease;
        }

        var display = PostgresRunStore.Open(store).Display;
        var silos = holders.Count(h => !h.EndsWith(" (exclusive)", StringComparison.Ordinal));
        throw new BadInputException(silos > 0
            ? $"The run store {display} is in use by a running cluster ({silos} silo{(silos == 1 ? "" : "s")}: {PostgresStoreLease.Describe(holders)}): a one-process run there would be a second cluster writing the cluster's run directory. Submit the config to that cluster (evoprune submit CONFIG with its --gateway or --cluster), or give this run its own database."
            : $"The run store {display} is in use by another one-process run ({PostgresStoreLease.Describe(holders)}): two runs there would be two clusters writing the same run directory. Wait for it to end, or give this run its own database.");
    }

    /// <summary>
    /// The record of run <paramref name="runId"/>; throws <see cref="BadInputException"/> when the store has no such run
    /// (listing the ones it has) or its <c>run.json</c> is damaged (naming the file and the damage).
    /// </summary>
    public static async Task<RunRecord> LoadRecordAsync(IRunStore store, string runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        RunRecord? record;
        try
        {
            record = await store.LoadRecordAsync(runId);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException)
        {
            throw new BadInputException($"Run '{runId}' cannot be read: its record in {store.Describe(runId)} is damaged ({ex.Message.ReplaceLineEndings(" ")}).", ex);
        }

        if (record == null)
        {
            var runs = await store.ListRunsAsync();
            throw new BadInputException($"Unknown run id '{runId}': no run.json under {store.Describe(runId)}. Runs in this store: {(runs.Count == 0 ? "none" : string.Join(", ", runs))}.");
        }

        // A record whose checksum is good but whose JSON lacks the spec (written by hand, or by another program).
        return record.Spec is { RunId.Length: > 0, Kind.Length: > 0, Populations: not null }
            ? record
            : throw new BadInputException($"Run '{runId}' cannot be read: the record in {store.Describe(runId)} has no complete 'spec' (run id, kind, populations).");
    }

    /// <summary>The spec run <paramref name="runId"/> started with (see <see cref="LoadRecordAsync(IRunStore, string)"/>).</summary>
    public static async Task<RunSpec> LoadSpecAsync(IRunStore store, string runId) => (await LoadRecordAsync(store, runId)).Spec;

    /// <summary>
    /// Refuses a new run whose id is taken: a run record, or (file store) a run folder holding anything at all, such as
    /// checkpoints left after its <c>run.json</c> was deleted; a new run must never adopt another run's files.
    /// </summary>
    public static async Task RefuseTakenAsync(IRunStore store, string runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.ExistsAsync(runId))
        {
            throw new BadInputException($"Run '{runId}' already exists in {store.Describe(runId)}; continue it with 'evoprune run --resume {runId}' or pick another --run-id.");
        }

        var folder = store.Describe(runId);
        if (store is FileRunStore && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Take(4).ToArray() is { Length: > 0 } entries)
        {
            var shown = string.Join(", ", entries.Take(3).Select(Path.GetFileName));
            throw new BadInputException(
                $"Run id '{runId}' is taken: {folder} holds {shown}{(entries.Length > 3 ? ", ..." : string.Empty)} but no run.json; pick another --run-id, or move that folder away.");
        }
    }
}
