using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static EvoPrune.Cluster.Storage.PostgresSql;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// Runs in PostgreSQL: <c>evoprune_runs</c> (record with an etag), <c>evoprune_checkpoints</c>, <c>evoprune_generations</c>
/// (one row per generation and population: the fitness history), <c>evoprune_genomes</c> (every member of every
/// checkpointed population with its fitness), <c>evoprune_report_batches</c> (one row per write and generation: its
/// reports as JSON lines) and <c>evoprune_results</c>. The schema is created
/// or migrated at start-up under an advisory lock; a schema from a newer version is refused before anything is written.
/// A checkpoint is one transaction: checkpoint body, generation rows, genome rows, the run's etag bump and pruning of
/// old checkpoint bodies commit together or not at all. Record writes are optimistic: they carry the etag this store
/// last saw and fail with <see cref="RunStoreConflictException"/> when the row moved on. Connections come from Npgsql's
/// pool; every operation is asynchronous, and while a server that had been reached is away (a restart) operations are
/// retried with an awaited back-off for up to <see cref="ReconnectFor"/>, logging each retry.
/// </summary>
public sealed partial class PostgresRunStore : IRunStore
{
    /// <summary>The schema version this build writes.</summary>
    public const int SchemaVersion = PostgresSchema.Version;

    // The startup options of the report sessions (after the user's own, if any).
    private const string ReportSessionOptions = "-c synchronous_commit=off";

    private readonly NpgsqlDataSource _dataSource;
    // Report writes only: sessions that commit without waiting for the WAL flush (see AppendReportsAsync) and keep their
    // prepared statement between uses, so a write is one round trip with no parse or plan.
    private readonly NpgsqlDataSource _reportSource;
    private readonly string _display;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, long> _etags = new(StringComparer.Ordinal);
    private volatile bool _reachedOnce;

    /// <summary>How long operations wait for a server that went away after it had been reached (a restart).</summary>
    public static TimeSpan ReconnectFor { get; set; } = TimeSpan.FromSeconds(60);

    private PostgresRunStore(NpgsqlConnectionStringBuilder settings, ILogger? logger)
    {
        _dataSource = NpgsqlDataSource.Create(settings);
        var reports = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            // Set when the session starts, so DISCARD ALL and pooling keep it; the user's own options come first.
            Options = string.IsNullOrWhiteSpace(settings.Options) ? ReportSessionOptions : settings.Options + " " + ReportSessionOptions,
            NoResetOnClose = true,
            MaxAutoPrepare = 4,
        };
        _reportSource = NpgsqlDataSource.Create(reports);
        _display = PostgresConnection.Mask(settings);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Opens a store for a connection string (URI or key=value form; see <see cref="PostgresConnection"/>).</summary>
    public static PostgresRunStore Open(string connection, Func<string, string?>? environment = null, ILogger? logger = null) =>
        new(PostgresConnection.Parse(connection, environment ?? Environment.GetEnvironmentVariable), logger);

    /// <summary>The store as a person may see it in logs: never with a password.</summary>
    public string Display => _display;

    /// <summary>
    /// Creates or migrates the schema (<see cref="PostgresSchema"/>). Throws <see cref="RunStoreSchemaException"/> (writing
    /// nothing) when the database's schema is newer than this build's, and an exception naming the store when it cannot be reached.
    /// Called once at start-up, before the silo serves grains.
    /// </summary>
    public void EnsureSchema()
    {
        try
        {
            using var connection = _dataSource.OpenConnection();
            PostgresSchema.Ensure(connection, _display);
            _reachedOnce = true;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new IOException($"The run store {_display} cannot be reached: {ex.Message}", ex);
        }
    }

    public string Describe(string runId) => $"{_display} (run '{runId}')";

    public Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c => await ScalarAsync<long>(c, null, "SELECT count(*) FROM evoprune_runs WHERE run_id = @r", cancellationToken, ("r", runId)).ConfigureAwait(false) > 0, cancellationToken);

    public Task<IReadOnlyList<string>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<string>>(async c =>
        {
            await using var command = Command(c, null, "SELECT run_id FROM evoprune_runs ORDER BY run_id");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var runs = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(reader.GetString(0));
            }

            return runs.Order(StringComparer.Ordinal).ToArray();
        }, cancellationToken);

    public Task<RunRecord?> LoadRecordAsync(string runId, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
        {
            await using var command = Command(c, null, "SELECT record, etag FROM evoprune_runs WHERE run_id = @r", ("r", runId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            RunRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<RunRecord>(reader.GetString(0), StoreJson.Options);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{Describe(runId)}: the run record is damaged ({ex.Message}).", ex);
            }

            _etags[runId] = reader.GetInt64(1);
            return record;
        }, cancellationToken);

    /// <summary>The etag of the run's row as this store last read or wrote it (null if it has not seen the run).</summary>
    public long? KnownEtag(string runId) => _etags.TryGetValue(runId, out var etag) ? etag : null;

    public Task SaveRecordAsync(RunRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var runId = record.Spec.RunId;
        var json = JsonSerializer.Serialize(record, StoreJson.Options);
        return WithConnectionAsync(async c =>
        {
            long etag;
            if (_etags.TryGetValue(runId, out var known))
            {
                // The second arm makes a retry idempotent: the row already holds exactly this record one etag on (the
                // first try committed but its reply was lost when the connection broke).
                etag = await ScalarAsync<long?>(c, null, """
                    UPDATE evoprune_runs SET record = @j, phase = @p, etag = CASE WHEN etag = @e THEN etag + 1 ELSE etag END
                    WHERE run_id = @r AND (etag = @e OR (etag = @e + 1 AND record = @j)) RETURNING etag
                    """, cancellationToken, ("j", json), ("p", record.Phase.ToString()), ("r", runId), ("e", known)).ConfigureAwait(false)
                    ?? throw await ConflictAsync(c, runId, known, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                etag = await ScalarAsync<long?>(c, null, """
                    INSERT INTO evoprune_runs (run_id, kind, phase, submitted, record, etag) VALUES (@r, @k, @p, @s, @j, 1)
                    ON CONFLICT (run_id) DO NOTHING RETURNING etag
                    """, cancellationToken, ("r", runId), ("k", record.Spec.Kind), ("p", record.Phase.ToString()), ("s", record.Submitted), ("j", json)).ConfigureAwait(false)
                    ?? throw new RunStoreConflictException($"Run '{runId}' already exists in {_display} and this silo has not read it; load it before writing.");
            }

            _etags[runId] = etag;
            return true;
        }, cancellationToken);
    }

    public Task SaveCheckpointAsync(Checkpoint checkpoint, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var body = JsonSerializer.Serialize(checkpoint, StoreJson.Options);
        return WithConnectionAsync(c => PostgresCheckpointWriter.WriteAsync(this, c, checkpoint, body, keep, cancellationToken), cancellationToken);
    }

    public Task<Checkpoint?> LoadLatestCheckpointAsync(string runId, Action<string> warn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warn);
        return WithConnectionAsync(async c =>
        {
            await using var command = Command(c, null, "SELECT generation, body FROM evoprune_checkpoints WHERE run_id = @r ORDER BY generation DESC", ("r", runId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var checkpoint = JsonSerializer.Deserialize<Checkpoint>(reader.GetString(1), StoreJson.Options) ?? throw new InvalidDataException("empty checkpoint");
                    return checkpoint.Populations == null || checkpoint.History == null
                        ? throw new InvalidDataException($"the checkpoint lacks its {(checkpoint.Populations == null ? "populations" : "history")}")
                        : checkpoint;
                }
                catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException)
                {
                    warn($"Checkpoint of generation {reader.GetInt32(0)} in {_display} is damaged and was skipped ({ex.Message}); using the one before it.");
                }
            }

            return (Checkpoint?)null;
        }, cancellationToken);
    }

    public Task AppendReportsAsync(string runId, int generation, IReadOnlyList<FitnessReport> reports, CancellationToken cancellationToken = default) =>
        AppendReportsAsync(runId, [new ReportBatch(generation, reports ?? throw new ArgumentNullException(nameof(reports)))], cancellationToken);

    public Task AppendReportsAsync(string runId, IReadOnlyList<ReportBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var written = batches.Where(b => b.Reports.Count > 0).ToArray();
        if (written.Length == 0)
        {
            return Task.CompletedTask;
        }

        var generations = written.Select(b => b.Generation).ToArray();
        var bodies = written.Select(b => ReportJson.WithLines(b.Reports, lines => Encoding.UTF8.GetString(lines))).ToArray();

        // One statement for every generation queued since the last write: a row per generation, its reports as JSON
        // lines, in one round trip on the report sessions, which commit without waiting for the WAL flush
        // (synchronous_commit off for those sessions only): once the statement returns the reports are in the server,
        // so a crash of the silo that holds the queue loses none; a crash of PostgreSQL itself may lose the last few
        // hundred milliseconds of reports, and those genomes are simply evaluated again (with the same result).
        return WithConnectionAsync(_reportSource, async c =>
        {
            await ExecuteAsync(c, null, """
                INSERT INTO evoprune_report_batches (run_id, generation, reports)
                SELECT @r, g, body FROM unnest(@generations::int[], @bodies::text[]) AS t(g, body)
                """, cancellationToken, ("r", runId), ("generations", generations), ("bodies", bodies)).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    // A genome reported twice (a lease that expired while its worker still finished) keeps its first report.
    public Task<IReadOnlyList<FitnessReport>> LoadReportsAsync(string runId, int generation, Action<string>? warn = null, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<FitnessReport>>(async c =>
        {
            await using var command = Command(c, null, "SELECT reports FROM evoprune_report_batches WHERE run_id = @r AND generation = @g ORDER BY id", ("r", runId), ("g", generation));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var reports = new List<FitnessReport>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var line in reader.GetString(0).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (JsonSerializer.Deserialize<FitnessReport>(line, StoreJson.Compact) is { GenomeId: not null } report && seen.Add(report.GenomeId))
                    {
                        reports.Add(report);
                    }
                }
            }

            return reports;
        }, cancellationToken);

    public Task<string> SaveResultAsync(string runId, string name, string content, CancellationToken cancellationToken = default) =>
        WithConnectionAsync(async c =>
        {
            await ExecuteAsync(c, null, """
                INSERT INTO evoprune_results (run_id, name, content) VALUES (@r, @n, @c)
                ON CONFLICT (run_id, name) DO UPDATE SET content = EXCLUDED.content
                """, cancellationToken, ("r", runId), ("n", name), ("c", content)).ConfigureAwait(false);
            return $"{_display} evoprune_results(run_id='{runId}', name='{name}')";
        }, cancellationToken);

    internal void RememberEtag(string runId, long etag) => _etags[runId] = etag;

    internal async Task<RunStoreConflictException> ConflictAsync(NpgsqlConnection connection, string runId, long? known, string what = "record", CancellationToken cancellationToken = default)
    {
        var current = await ScalarAsync<long?>(connection, null, "SELECT etag FROM evoprune_runs WHERE run_id = @r", cancellationToken, ("r", runId)).ConfigureAwait(false);
        return new RunStoreConflictException(current == null
            ? $"Run '{runId}' is not in {_display}; the {what} was not written."
            : string.Create(CultureInfo.InvariantCulture, $"Run '{runId}' in {_display} changed since this silo read it (etag {known?.ToString(CultureInfo.InvariantCulture) ?? "none"}, now {current}); the {what} was not written."));
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on a pooled connection. While a server that had been reached is away (a
    /// restart: refused connections, connections the server closed) the pool is cleared and the whole operation is
    /// retried after an awaited back-off, for up to <see cref="ReconnectFor"/>; a store that is wrong from the start
    /// (bad database, bad credentials) fails at once. Every operation is idempotent, so a retry after a lost reply is safe.
    /// </summary>
    private Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> operation, CancellationToken cancellationToken) =>
        WithConnectionAsync(_dataSource, operation, cancellationToken);

    private async Task<T> WithConnectionAsync<T>(NpgsqlDataSource source, Func<NpgsqlConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + ReconnectFor;
        for (var attempt = 0; ; attempt++)
        {
            var opened = false;
            try
            {
                var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    opened = true;
                    _reachedOnce = true;
                    return await operation(connection).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                var transient = _reachedOnce && (ex is not PostgresException pg || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300");
                if (!transient && opened)
                {
                    throw; // The statement itself failed (a constraint, a bug): not a reachability problem.
                }

                if (!transient || DateTime.UtcNow > until)
                {
                    throw new IOException($"The run store {_display} cannot be reached: {ex.Message}", ex);
                }

                var delay = TimeSpan.FromMilliseconds(Math.Min(2000, 100 << Math.Min(attempt, 5)));
                LogRetry(_logger, _display, attempt + 1, delay.TotalMilliseconds, ex.Message);
                // Pooled connections to the server that went away are all dead: drop them rather than fail on each.
                _dataSource.Clear();
                _reportSource.Clear();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WithConnectionAsync(Func<NpgsqlConnection, Task> operation, CancellationToken cancellationToken) =>
        await WithConnectionAsync(async c =>
        {
            await operation(c).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run store {Store} is away (try {Attempt}); retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogRetry(ILogger logger, string store, int attempt, double delayMs, string reason);
}
