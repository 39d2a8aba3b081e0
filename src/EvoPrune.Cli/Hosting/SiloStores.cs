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
