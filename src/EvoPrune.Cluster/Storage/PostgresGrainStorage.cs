using System.Globalization;
using Npgsql;
using Orleans.Storage;
using static EvoPrune.Cluster.Storage.PostgresSql;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// Orleans grain state in PostgreSQL: one row of <c>evoprune_grain_state</c> per (grain type, grain key, state name),
/// the state serialized by the silo's <see cref="IGrainStorageSerializer"/>. Writes are optimistic: the row's etag is a
/// counter, a write or clear carrying another etag than the row's (or none while a row exists) changes nothing and
/// throws <see cref="InconsistentStateException"/>. The schema is created or migrated on first use.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly IGrainStorageSerializer _serializer;
    private Task? _schema;

    public PostgresGrainStorage(NpgsqlDataSource dataSource, string display, IGrainStorageSerializer serializer)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        Display = display;
    }

    /// <summary>Opens a provider for a <c>postgres://</c> connection (password from the environment).</summary>
    public static PostgresGrainStorage Open(string connection, IGrainStorageSerializer serializer, Func<string, string?>? environment = null)
    {
        var builder = PostgresConnection.Parse(connection, environment ?? Environment.GetEnvironmentVariable);
        return new PostgresGrainStorage(NpgsqlDataSource.Create(builder), PostgresConnection.Mask(builder), serializer);
    }

    /// <summary>The store as it may appear in logs: never with a password.</summary>
    public string Display { get; }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await OpenAsync().ConfigureAwait(false);
        await using var command = Command(connection, null, """
            SELECT payload, etag FROM evoprune_grain_state WHERE grain_type = @t AND grain_id = @i AND state_name = @n
            """, Key(stateName, grainId));
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        if (!await reader.ReadAsync().ConfigureAwait(false))
        {
            grainState.State = Empty<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var payload = (byte[])reader.GetValue(0);
        grainState.State = _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = Etag(reader.GetInt64(1));
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        await using var connection = await OpenAsync().ConfigureAwait(false);
        var key = Key(stateName, grainId);
        long? etag;
        if (grainState.ETag is null)
        {
            etag = await ScalarAsync<long?>(connection, """
                INSERT INTO evoprune_grain_state (grain_type, grain_id, state_name, payload, etag) VALUES (@t, @i, @n, @p, 1)
                ON CONFLICT (grain_type, grain_id, state_name) DO NOTHING RETURNING etag
                """, [.. key, ("p", payload)]).ConfigureAwait(false);
        }
        else
        {
            etag = await ScalarAsync<long?>(connection, """
                UPDATE evoprune_grain_state SET payload = @p, etag = etag + 1, updated = now()
                WHERE grain_type = @t AND grain_id = @i AND state_name = @n AND etag = @e RETURNING etag
                """, [.. key, ("p", payload), ("e", ParseEtag(grainState.ETag))]).ConfigureAwait(false);
        }

        if (etag is null)
        {
            throw await ConflictAsync(connection, "write", stateName, grainId, grainState.ETag).ConfigureAwait(false);
        }

        grainState.ETag = Etag(etag.Value);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await OpenAsync().ConfigureAwait(false);
        var key = Key(stateName, grainId);
        var deleted = await ScalarAsync<long?>(connection, """
            DELETE FROM evoprune_grain_state
            WHERE grain_type = @t AND grain_id = @i AND state_name = @n AND etag = @e RETURNING etag
            """, [.. key, ("e", grainState.ETag is null ? -1L : ParseEtag(grainState.ETag))]).ConfigureAwait(false);
        if (deleted is null && await CurrentEtagAsync(connection, key).ConfigureAwait(false) is not null)
        {
            // A row this activation has not seen (or a newer version of it): clearing it would lose someone's write.
            throw await ConflictAsync(connection, "clear", stateName, grainId, grainState.ETag).ConfigureAwait(false);
        }

        grainState.State = Empty<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        // Checked once; a failed check (server not up yet) is tried again on the next call, not remembered.
        var schema = _schema ??= EnsureSchemaAsync();
        try
        {
            await schema.ConfigureAwait(false);
        }
        catch
        {
            _ = Interlocked.CompareExchange(ref _schema, null, schema);
            throw;
        }

        return await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
    }

    private async Task EnsureSchemaAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        PostgresSchema.Ensure(connection, Display);
    }

    private static (string Name, object? Value)[] Key(string stateName, GrainId grainId) =>
        [("t", grainId.Type.ToString()), ("i", grainId.Key.ToString()), ("n", stateName)];

    private static Task<long?> CurrentEtagAsync(NpgsqlConnection connection, (string Name, object? Value)[] key) =>
        ScalarAsync<long?>(connection, "SELECT etag FROM evoprune_grain_state WHERE grain_type = @t AND grain_id = @i AND state_name = @n", key);

    private async Task<InconsistentStateException> ConflictAsync(NpgsqlConnection connection, string what, string stateName, GrainId grainId, string? known)
    {
        var current = await CurrentEtagAsync(connection, Key(stateName, grainId)).ConfigureAwait(false);
        var currentText = current is null ? null : Etag(current.Value);
        return new InconsistentStateException(
            $"State '{stateName}' of grain {grainId} in {Display} changed since it was read (etag {known ?? "none"}, now {currentText ?? "none"}); the {what} was not applied.",
            currentText ?? "",
            known ?? "");
    }

    // A fresh state for a grain with no row: a new T when it has a parameterless constructor, else default.
    private static T Empty<T>() => typeof(T).GetConstructor(Type.EmptyTypes) is null || typeof(T).IsAbstract ? default! : Activator.CreateInstance<T>();

    private static string Etag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    private static long ParseEtag(string etag) => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw new InconsistentStateException($"Etag '{etag}' was not written by {nameof(PostgresGrainStorage)}.", "", etag);
}
