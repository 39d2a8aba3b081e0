using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using Npgsql;
using static EvoPrune.Cluster.Storage.PostgresSql;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// One checkpoint of <see cref="PostgresRunStore"/> as one transaction: the body, the generation rows the history gained
/// since the previous checkpoint, the genome rows of every population, the etag bump and the pruning of old bodies.
/// The rows travel in one batch (one round trip), not one statement each.
/// </summary>
internal static class PostgresCheckpointWriter
{
    public static async Task WriteAsync(PostgresRunStore store, NpgsqlConnection connection, Checkpoint checkpoint, string body, int keep, CancellationToken cancellationToken)
    {
        var runId = checkpoint.RunId;
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var existing = await ScalarAsync<string?>(connection, tx, "SELECT body FROM evoprune_checkpoints WHERE run_id = @r AND generation = @g FOR UPDATE", cancellationToken, ("r", runId), ("g", checkpoint.Generation)).ConfigureAwait(false);
        if (existing != null)
        {
            if (string.Equals(existing, body, StringComparison.Ordinal))
            {
                return; // The same checkpoint again (a retry after a lost reply): stored once already.
            }

            throw new RunStoreConflictException($"Generation {checkpoint.Generation} of run '{runId}' is already stored in {store.Display} with different content; another coordinator is writing this run.");
        }

        var known = store.KnownEtag(runId);
        var previous = await ScalarAsync<int?>(connection, tx, "SELECT last_generation FROM evoprune_runs WHERE run_id = @r FOR UPDATE", cancellationToken, ("r", runId)).ConfigureAwait(false);
        var etag = await ScalarAsync<long?>(connection, tx, """
            UPDATE evoprune_runs SET etag = etag + 1, last_generation = @g
            WHERE run_id = @r AND last_generation < @g AND (@e::bigint IS NULL OR etag = @e) RETURNING etag
            """, cancellationToken, ("r", runId), ("g", checkpoint.Generation), ("e", (object?)known ?? DBNull.Value)).ConfigureAwait(false);
        if (etag == null)
        {
            throw await store.ConflictAsync(connection, runId, known, $"checkpoint of generation {checkpoint.Generation}", cancellationToken).ConfigureAwait(false);
        }

        await using var batch = new NpgsqlBatch(connection, tx);
        Add(batch, "INSERT INTO evoprune_checkpoints (run_id, generation, body) VALUES (@r, @g, @b)", ("r", runId), ("g", checkpoint.Generation), ("b", body));
        // Generations up to the previous checkpoint are stored already: only the new ones are written.
        foreach (var summary in checkpoint.History.Where(h => h.Generation > (previous ?? -1)))
        {
            Add(batch, """
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
                Add(batch, """
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

        Add(batch, """
            DELETE FROM evoprune_checkpoints WHERE run_id = @r AND generation NOT IN (
                SELECT generation FROM evoprune_checkpoints WHERE run_id = @r ORDER BY generation DESC LIMIT @k)
            """, ("r", runId), ("k", Math.Max(1, keep)));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        store.RememberEtag(runId, etag.Value);
    }

    private static void Add(NpgsqlBatch batch, string sql, params (string Name, object? Value)[] parameters)
    {
#pragma warning disable CA2100 // Every statement is a constant of this class; values travel as parameters.
        var command = new NpgsqlBatchCommand(sql);
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        batch.BatchCommands.Add(command);
    }
}
