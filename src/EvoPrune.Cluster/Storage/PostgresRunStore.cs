using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using Npgsql;
using static EvoPrune.Cluster.Storage.PostgresSql;

namespace EvoPrune.Cluster.Storage;

/// <summary>A write lost a race: someone else changed the row since this store last read it.</summary>
public sealed class RunStoreConflictException(string message) : InvalidOperationException(message);

/// <summary>The database holds a schema this build does not know (written by a newer EvoPrune).</summary>
public sealed class RunStoreSchemaException(string message) : InvalidOperationException(message);

/// <summary>
/// Runs in PostgreSQL: <c>evoprune_runs</c> (record with an etag), <c>evoprune_checkpoints</c>, <c>evoprune_generations</c>
/// (one row per generation and population: the fitness history), <c>evoprune_genomes</c> (every member of every
/// checkpointed population with its fitness), <c>evoprune_reports</c> and <c>evoprune_results</c>. The schema is created
/// or migrated at start-up under an advisory lock; a schema from a newer version is refused before anything is written.
/// A checkpoint is one transaction: checkpoint body, generation rows, genome rows, the run's etag bump and pruning of
/// old checkpoint bodies commit together or not at all. Record writes are optimistic: they carry the etag this store
/// last saw and fail with <see cref="RunStoreConflictException"/> when the row moved on.
/// </summary>
public sealed class PostgresRunStore : IRunStore
{
    /// <summary>The schema version this build writes.</summary>
    public const int SchemaVersion = PostgresSchema.Version;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _display;
    private readonly ConcurrentDictionary<string, long> _etags = new(StringComparer.Ordinal);
    private volatile bool _reachedOnce;

    /// <summary>How long operations wait for a server that went away after it had been reached (a restart).</summary>
    public static TimeSpan ReconnectFor { get; set; } = TimeSpan.FromSeconds(60);

    public PostgresRunStore(NpgsqlDataSource dataSource, string display)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _display = display;
    }

    /// <summary>Opens a store for a connection string (URI or key=value form; see <see cref="PostgresConnection"/>).</summary>
    public static PostgresRunStore Open(string connection, Func<string, string?>? environment = null)
    {
        var builder = PostgresConnection.Parse(connection, environment ?? Environment.GetEnvironmentVariable);
        return new PostgresRunStore(NpgsqlDataSource.Create(builder), PostgresConnection.Mask(builder));
    }

    /// <summary>The store as a person may see it in logs: never with a password.</summary>
    public string Display => _display;

    /// <summary>
    /// Creates or migrates the schema (<see cref="PostgresSchema"/>). Throws <see cref="RunStoreSchemaException"/> (writing
    /// nothing) when the database's schema is newer than this build's, and an exception naming the store when it cannot be reached.
    /// </summary>
    public void EnsureSchema()
    {
        using var connection = OpenConnection();
        PostgresSchema.Ensure(connection, _display);
    }

    public string Describe(string runId) => $"{_display} (run '{runId}')";

    public bool Exists(string runId)
    {
        using var connection = OpenConnection();
        return Scalar<long>(connection, null, "SELECT count(*) FROM evoprune_runs WHERE run_id = @r", ("r", runId)) > 0;
    }

    public IReadOnlyList<string> ListRuns()
    {
        using var connection = OpenConnection();
        using var command = Command(connection, null, "SELECT run_id FROM evoprune_runs ORDER BY run_id");
        using var reader = command.ExecuteReader();
        var runs = new List<string>();
        while (reader.Read())
        {
            runs.Add(reader.GetString(0));
        }

        return runs.Order(StringComparer.Ordinal).ToArray();
    }

    public RunRecord? LoadRecord(string runId)
    {
        using var connection = OpenConnection();
        using var command = Command(connection, null, "SELECT record, etag FROM evoprune_runs WHERE run_id = @r", ("r", runId));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var record = JsonSerializer.Deserialize<RunRecord>(reader.GetString(0), StoreJson.Options);
        _etags[runId] = reader.GetInt64(1);
        return record;
    }

    /// <summary>The etag of the run's row as this store last read or wrote it (null if it has not seen the run).</summary>
    public long? KnownEtag(string runId) => _etags.TryGetValue(runId, out var etag) ? etag : null;

    public void SaveRecord(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var runId = record.Spec.RunId;
        var json = JsonSerializer.Serialize(record, StoreJson.Options);
        using var connection = OpenConnection();
        long etag;
        if (_etags.TryGetValue(runId, out var known))
        {
            etag = Scalar<long?>(connection, null, """
                UPDATE evoprune_runs SET record = @j, phase = @p, etag = etag + 1
                WHERE run_id = @r AND etag = @e RETURNING etag
                """, ("j", json), ("p", record.Phase.ToString()), ("r", runId), ("e", known))
                ?? throw Conflict(connection, runId, known);
        }
        else
        {
            etag = Scalar<long?>(connection, null, """
                INSERT INTO evoprune_runs (run_id, kind, phase, submitted, record, etag) VALUES (@r, @k, @p, @s, @j, 1)
                ON CONFLICT (run_id) DO NOTHING RETURNING etag
                """, ("r", runId), ("k", record.Spec.Kind), ("p", record.Phase.ToString()), ("s", record.Submitted), ("j", json))
                ?? throw new RunStoreConflictException($"Run '{runId}' already exists in {_display} and this silo has not read it; load it before writing.");
        }

        _etags[runId] = etag;
    }

    public void SaveCheckpoint(Checkpoint checkpoint, int keep)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var runId = checkpoint.RunId;
        var body = JsonSerializer.Serialize(checkpoint, StoreJson.Options);
        using var connection = OpenConnection();
        using var tx = connection.BeginTransaction();
        var existing = Scalar<string?>(connection, tx, "SELECT body FROM evoprune_checkpoints WHERE run_id = @r AND generation = @g FOR UPDATE", ("r", runId), ("g", checkpoint.Generation));
        if (existing != null)
        {
            if (string.Equals(existing, body, StringComparison.Ordinal))
            {
                return; // The same checkpoint again (a retry after a lost reply): stored once already.
            }

            throw new RunStoreConflictException($"Generation {checkpoint.Generation} of run '{runId}' is already stored in {_display} with different content; another coordinator is writing this run.");
        }

        var known = KnownEtag(runId);
        var etag = Scalar<long?>(connection, tx, """
            UPDATE evoprune_runs SET etag = etag + 1, last_generation = @g
            WHERE run_id = @r AND last_generation < @g AND (@e::bigint IS NULL OR etag = @e) RETURNING etag
            """, ("r", runId), ("g", checkpoint.Generation), ("e", (object?)known ?? DBNull.Value));
        if (etag == null)
        {
            throw Conflict(connection, runId, known, $"checkpoint of generation {checkpoint.Generation}");
        }

        Execute(connection, tx, "INSERT INTO evoprune_checkpoints (run_id, generation, body) VALUES (@r, @g, @b)", ("r", runId), ("g", checkpoint.Generation), ("b", body));
        foreach (var summary in checkpoint.History)
        {
            Execute(connection, tx, """
                INSERT INTO evoprune_generations (run_id, generation, population, best_fitness, mean_fitness, worst_fitness,
                    best_genome_id, best_summary, evaluations, failures, evaluations_by_silo)
                VALUES (@r, @g, @p, @b, @m, @w, @id, @s, @n, @f, @silos::jsonb)
                ON CONFLICT (run_id, generation, population) DO NOTHING
                """,
                ("r", runId), ("g", summary.Generation), ("p", summary.Population), ("b", summary.BestFitness), ("m", summary.MeanFitness),
                ("w", summary.WorstFitness), ("id", summary.BestGenomeId), ("s", summary.BestSummary), ("n", summary.Evaluations),
                ("f", summary.Failures), ("silos", JsonSerializer.Serialize(summary.EvaluationsBySilo, StoreJson.Compact)));
        }

        foreach (var population in checkpoint.Populations)
        {
            foreach (var member in population.Members)
            {
                Execute(connection, tx, """
                    INSERT INTO evoprune_genomes (run_id, generation, population, genome_id, born, fitness, failure, scores, silo, device, seconds, payload)
                    VALUES (@r, @g, @p, @id, @born, @fit, @fail, @scores::jsonb, @silo, @dev, @sec, @payload)
                    ON CONFLICT (run_id, generation, population, genome_id) DO NOTHING
                    """,
                    ("r", runId), ("g", population.Generation), ("p", population.Name), ("id", member.Genome.Id), ("born", member.Genome.Born),
                    ("fit", member.Report.Fitness), ("fail", (object?)member.Report.Failure ?? DBNull.Value),
                    ("scores", JsonSerializer.Serialize(member.Report.Scores, StoreJson.Compact)), ("silo", member.Report.Silo),
                    ("dev", member.Report.Device), ("sec", member.Report.Seconds), ("payload", member.Genome.Payload));
            }
        }

        Execute(connection, tx, """
            DELETE FROM evoprune_checkpoints WHERE run_id = @r AND generation NOT IN (
                SELECT generation FROM evoprune_checkpoints WHERE run_id = @r ORDER BY generation DESC LIMIT @k)
            """, ("r", runId), ("k", Math.Max(1, keep)));
        tx.Commit();
        _etags[runId] = etag.Value;
    }

    public Checkpoint? LoadLatestCheckpoint(string runId, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        using var connection = OpenConnection();
        using var command = Command(connection, null, "SELECT generation, body FROM evoprune_checkpoints WHERE run_id = @r ORDER BY generation DESC", ("r", runId));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            try
            {
                return JsonSerializer.Deserialize<Checkpoint>(reader.GetString(1), StoreJson.Options)
                    ?? throw new InvalidDataException("empty checkpoint");
            }
            catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException)
            {
                warn($"Checkpoint of generation {reader.GetInt32(0)} in {_display} is damaged and was skipped ({ex.Message}); using the one before it.");
            }
        }

        return null;
    }

    public void AppendReport(string runId, int generation, FitnessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var connection = OpenConnection();
        Execute(connection, null, """
            INSERT INTO evoprune_reports (run_id, generation, genome_id, report) VALUES (@r, @g, @id, @j)
            ON CONFLICT (run_id, generation, genome_id) DO NOTHING
            """, ("r", runId), ("g", generation), ("id", report.GenomeId), ("j", JsonSerializer.Serialize(report, StoreJson.Compact)));
    }

    public IReadOnlyList<FitnessReport> LoadReports(string runId, int generation)
    {
        using var connection = OpenConnection();
        using var command = Command(connection, null, "SELECT report FROM evoprune_reports WHERE run_id = @r AND generation = @g ORDER BY genome_id", ("r", runId), ("g", generation));
        using var reader = command.ExecuteReader();
        var reports = new List<FitnessReport>();
        while (reader.Read())
        {
            if (JsonSerializer.Deserialize<FitnessReport>(reader.GetString(0), StoreJson.Compact) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports;
    }

    public string SaveResult(string runId, string name, string content)
    {
        using var connection = OpenConnection();
        Execute(connection, null, """
            INSERT INTO evoprune_results (run_id, name, content) VALUES (@r, @n, @c)
            ON CONFLICT (run_id, name) DO UPDATE SET content = EXCLUDED.content
            """, ("r", runId), ("n", name), ("c", content));
        return $"{_display} evoprune_results(run_id='{runId}', name='{name}')";
    }

    private RunStoreConflictException Conflict(NpgsqlConnection connection, string runId, long? known, string what = "record")
    {
        var current = Scalar<long?>(connection, null, "SELECT etag FROM evoprune_runs WHERE run_id = @r", ("r", runId));
        return new RunStoreConflictException(current == null
            ? $"Run '{runId}' is not in {_display}; the {what} was not written."
            : string.Create(CultureInfo.InvariantCulture, $"Run '{runId}' in {_display} changed since this silo read it (etag {known?.ToString(CultureInfo.InvariantCulture) ?? "none"}, now {current}); the {what} was not written."));
    }

    /// <summary>
    /// A fresh connection per operation (no pool, so a server restart leaves no dead pooled connections behind). While
    /// the server is briefly away (a restart) opening is retried for up to <see cref="ReconnectFor"/>; a store that is
    /// wrong from the start (bad database, bad credentials) fails at once.
    /// </summary>
    private NpgsqlConnection OpenConnection()
    {
        var until = DateTime.UtcNow + ReconnectFor;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var connection = _dataSource.OpenConnection();
                _reachedOnce = true;
                return connection;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                var transient = _reachedOnce && (ex is not PostgresException pg || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300");
                if (!transient || DateTime.UtcNow > until)
                {
                    throw new IOException($"The run store {_display} cannot be reached: {ex.Message}", ex);
                }

                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(2000, 100 << Math.Min(attempt, 5))));
            }
        }
    }
}
