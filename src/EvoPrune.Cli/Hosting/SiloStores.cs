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
}
