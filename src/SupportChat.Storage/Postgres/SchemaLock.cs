using Npgsql;

namespace SupportChat.Storage.Postgres;

/// <summary>
/// Runs schema statements under a transaction-scoped advisory lock, so that several nodes starting at once do not
/// race on <c>CREATE TABLE IF NOT EXISTS</c> (which can fail with a unique violation on the catalog when two
/// sessions create the same table at the same moment).
/// </summary>
public static class SchemaLock
{
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, long lockKey, string ddl, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            take.Parameters.AddWithValue("key", lockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(ddl, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
