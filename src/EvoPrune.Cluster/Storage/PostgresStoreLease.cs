using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// Who is using a PostgreSQL store, held as a session-level advisory lock on one key of the database for as long as
/// the holder lives: every silo of a cluster holds it shared, a one-process <c>evoprune run</c> (a cluster of its own,
/// writing the same run directory row) holds it exclusive. So a run refuses a database whose cluster is up, and a silo
/// refuses one that a run is using, instead of the two overwriting each other's grain state. PostgreSQL releases the
/// lock when the holder's connection ends, a killed process included; the connection is its own (not pooled) and is
/// checked every <see cref="CheckEvery"/>: after a server restart the lease is taken again.
/// </summary>
public sealed partial class PostgresStoreLease : IDisposable
{
    /// <summary>The advisory lock key ("EvoLease"), distinct from the schema migration's.</summary>
    public const long Key = 0x45766f4c65617365;

    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly string _display;
    private readonly bool _exclusive;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private NpgsqlConnection? _connection;
    private bool _disposed;

    private PostgresStoreLease(NpgsqlConnectionStringBuilder settings, bool exclusive, NpgsqlConnection connection, ILogger logger)
    {
        _settings = settings;
        _display = PostgresConnection.Mask(settings);
        _exclusive = exclusive;
        _connection = connection;
        _logger = logger;
        _timer = new Timer(_ => Check(), null, CheckEvery, CheckEvery);
    }

    /// <summary>How often the lease's connection is checked (and the lease taken again after a server restart).</summary>
    public static TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Takes the lease on <paramref name="store"/>: shared for a silo, exclusive for a one-process run. Returns null, with
    /// <paramref name="holders"/> naming the sessions in the way (their application names), when it is held the other way.
    /// <paramref name="holder"/> names this process in <c>pg_stat_activity</c>.
    /// </summary>
    public static PostgresStoreLease? TryAcquire(string store, bool exclusive, string holder, out IReadOnlyList<string> holders, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(holder);
        var settings = PostgresConnection.Parse(store, Environment.GetEnvironmentVariable);
        settings.Pooling = false;
        settings.ApplicationName = holder.Length > 63 ? holder[..63] : holder;
        settings.KeepAlive = 10;
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            connection.Open();
            if (Take(connection, exclusive))
            {
                holders = [];
                return new PostgresStoreLease(settings, exclusive, connection, logger ?? NullLogger.Instance);
            }

            holders = Holders(connection);
            connection.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            connection.Dispose();
            throw new IOException($"The run store {PostgresConnection.Mask(settings)} cannot be reached: {ex.Message}", ex);
        }
    }

    /// <summary>The application names of the sessions holding the lease on this database (other than this one).</summary>
    public static IReadOnlyList<string> Holders(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = new NpgsqlCommand("""
            SELECT coalesce(nullif(a.application_name, ''), 'pid ' || l.pid) || CASE WHEN l.mode = 'ExclusiveLock' THEN ' (exclusive)' ELSE '' END
            FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid::bigint = @hi AND l.objid::bigint = @lo AND l.objsubid = 1
            ORDER BY 1
            """, connection);
        command.Parameters.AddWithValue("hi", (Key >> 32) & 0xffffffffL);
        command.Parameters.AddWithValue("lo", Key & 0xffffffffL);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            // Closing the session releases the lock.
            _connection?.Dispose();
            _connection = null;
        }
    }

    private static bool Take(NpgsqlConnection connection, bool exclusive)
    {
        using var command = new NpgsqlCommand(exclusive ? "SELECT pg_try_advisory_lock(@k)" : "SELECT pg_try_advisory_lock_shared(@k)", connection);
        command.Parameters.AddWithValue("k", Key);
        return (bool)command.ExecuteScalar()!;
    }

    // On the timer: a connection that no longer answers (a server restart, a cut network) lost the lock with its
    // session; open a new one and take the lease again.
    private void Check()
    {
        // A check still waiting for the server (connection timeout 10 s) is not joined by the next tick.
        if (!_gate.TryEnter())
        {
            return;
        }

        try
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                using (var ping = new NpgsqlCommand("SELECT 1", _connection))
                {
                    ping.ExecuteScalar();
                }

                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException or IOException)
            {
                _connection?.Dispose();
                _connection = null;
            }

            try
            {
                var connection = new NpgsqlConnection(_settings.ConnectionString);
                connection.Open();
                if (Take(connection, _exclusive))
                {
                    _connection = connection;
                    LogRetaken(_logger, _display);
                    return;
                }

                LogTaken(_logger, _display, string.Join(", ", Holders(connection)), _exclusive ? "run" : "silo");
                connection.Dispose();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException or IOException)
            {
                LogAway(_logger, ex, _display);
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>How the holders are listed in messages: at most four, then a count.</summary>
    public static string Describe(IReadOnlyList<string> holders)
    {
        ArgumentNullException.ThrowIfNull(holders);
        return holders.Count <= 4
            ? string.Join(", ", holders)
            : string.Join(", ", holders.Take(4)) + string.Create(CultureInfo.InvariantCulture, $" and {holders.Count - 4} more");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took the lease on the run store {Store} again")]
    private static partial void LogRetaken(ILogger logger, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run store {Store} is now used by {Holders}: this {Kind} could not take its lease again after its connection was lost")]
    private static partial void LogTaken(ILogger logger, string store, string holders, string kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The run store {Store} is not reachable yet; the lease is taken again once it is")]
    private static partial void LogAway(ILogger logger, Exception exception, string store);
}
