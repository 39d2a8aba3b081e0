using Npgsql;
using static EvoPrune.Cluster.Storage.PostgresSql;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// The EvoPrune tables in PostgreSQL and their versions (<c>evoprune_schema</c>). Version 1: the run store's tables;
/// version 2 adds <c>evoprune_grain_state</c> for <see cref="PostgresGrainStorage"/>; version 3 keeps reports a batch per
/// row (<c>evoprune_report_batches</c>) instead of one row per report (<c>evoprune_reports</c>, whose rows it moves over). Migration runs step by step in one
/// transaction under an advisory lock, so silos starting together migrate once; a schema newer than <see cref="Version"/>
/// is refused before anything is written.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The schema version this build writes.</summary>
    public const int Version = 3;

    private const long MigrationLockKey = 0x45766f5072756e65; // "EvoPrune"

    /// <summary>The version the database holds (0: no EvoPrune tables yet).</summary>
    public static int Read(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var exists = Scalar<bool>(connection, null, "SELECT to_regclass('evoprune_schema') IS NOT NULL");
        return exists ? Scalar<int?>(connection, null, "SELECT max(version) FROM evoprune_schema") ?? 0 : 0;
    }

    /// <summary>Creates or migrates the schema up to <see cref="Version"/>; <paramref name="display"/> names the store in errors.</summary>
    public static void Ensure(NpgsqlConnection connection, string display)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var existing = Read(connection);
        if (existing > Version)
        {
            throw TooNew(display, existing);
        }

        if (existing == Version)
        {
            return;
        }

        using var tx = connection.BeginTransaction();
        Execute(connection, tx, "SELECT pg_advisory_xact_lock(@k)", ("k", MigrationLockKey));
        Execute(connection, tx, "CREATE TABLE IF NOT EXISTS evoprune_schema (version integer NOT NULL, applied timestamptz NOT NULL DEFAULT now())");
        var current = Scalar<int?>(connection, tx, "SELECT max(version) FROM evoprune_schema") ?? 0;
        if (current > Version)
        {
            throw TooNew(display, current);
        }

        if (current < 1)
        {
            Execute(connection, tx, """
                CREATE TABLE evoprune_runs (
                    run_id text PRIMARY KEY,
                    kind text NOT NULL,
                    phase text NOT NULL,
                    submitted timestamptz NOT NULL,
                    record text NOT NULL,
                    last_generation integer NOT NULL DEFAULT -1,
                    etag bigint NOT NULL);
                CREATE TABLE evoprune_checkpoints (
                    run_id text NOT NULL REFERENCES evoprune_runs(run_id),
                    generation integer NOT NULL,
                    body text NOT NULL,
                    saved timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (run_id, generation));
                CREATE TABLE evoprune_generations (
                    run_id text NOT NULL REFERENCES evoprune_runs(run_id),
                    generation integer NOT NULL,
                    population text NOT NULL,
                    best_fitness double precision NOT NULL,
                    mean_fitness double precision NOT NULL,
                    worst_fitness double precision NOT NULL,
                    best_genome_id text NOT NULL,
                    best_summary text NOT NULL,
                    evaluations integer NOT NULL,
                    failures integer NOT NULL,
                    evaluations_by_silo jsonb NOT NULL,
                    PRIMARY KEY (run_id, generation, population));
                CREATE TABLE evoprune_genomes (
                    run_id text NOT NULL REFERENCES evoprune_runs(run_id),
                    generation integer NOT NULL,
                    population text NOT NULL,
                    genome_id text NOT NULL,
                    born integer NOT NULL,
                    fitness double precision NOT NULL,
                    failure text,
                    scores jsonb NOT NULL,
                    silo text NOT NULL,
                    device text NOT NULL,
                    seconds double precision NOT NULL,
                    payload bytea NOT NULL,
                    PRIMARY KEY (run_id, generation, population, genome_id));
                CREATE TABLE evoprune_reports (
                    run_id text NOT NULL REFERENCES evoprune_runs(run_id),
                    generation integer NOT NULL,
                    genome_id text NOT NULL,
                    report text NOT NULL,
                    PRIMARY KEY (run_id, generation, genome_id));
                CREATE TABLE evoprune_results (
                    run_id text NOT NULL REFERENCES evoprune_runs(run_id),
                    name text NOT NULL,
                    content text NOT NULL,
                    PRIMARY KEY (run_id, name));
                INSERT INTO evoprune_schema (version) VALUES (1);
                """);
        }

        if (current < 2)
        {
            Execute(connection, tx, """
                CREATE TABLE evoprune_grain_state (
                    grain_type text NOT NULL,
                    grain_id text NOT NULL,
                    state_name text NOT NULL,
                    payload bytea NOT NULL,
                    etag bigint NOT NULL,
                    updated timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (grain_type, grain_id, state_name));
                INSERT INTO evoprune_schema (version) VALUES (2);
                """);
        }

        if (current < 3)
        {
            // A row per report cost the server about 15 µs of CPU per report (index entry, foreign-key check, conflict
            // check): with NEAT's microsecond evaluations that is more than the generation itself. A batch is one row,
            // its reports as JSON lines; the first report of a genome stands, on reading.
            Execute(connection, tx, """
                CREATE TABLE evoprune_report_batches (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    run_id text NOT NULL REFERENCES evoprune_runs(run_id),
                    generation integer NOT NULL,
                    reports text NOT NULL);
                CREATE INDEX evoprune_report_batches_generation ON evoprune_report_batches (run_id, generation);
                -- lz4 where the server has it (PostgreSQL 14 and later, built with it): a NEAT generation's 35 KB of
                -- reports shrink to a fifth, and the server spends a quarter less CPU on them than with its default pglz.
                DO $$ BEGIN
                    EXECUTE 'ALTER TABLE evoprune_report_batches ALTER COLUMN reports SET COMPRESSION lz4';
                EXCEPTION WHEN feature_not_supported OR syntax_error THEN NULL;
                END $$;
                INSERT INTO evoprune_report_batches (run_id, generation, reports)
                    SELECT run_id, generation, string_agg(report || E'\n', '' ORDER BY genome_id)
                    FROM evoprune_reports GROUP BY run_id, generation ORDER BY run_id, generation;
                DROP TABLE evoprune_reports;
                INSERT INTO evoprune_schema (version) VALUES (3);
                """);
        }

        tx.Commit();
    }

    private static RunStoreSchemaException TooNew(string display, int version) => new(
        $"The run store {display} has schema version {version}, newer than the {Version} this EvoPrune understands; " +
        "use the EvoPrune version that wrote it (nothing was changed).");
}
