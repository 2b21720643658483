using System.Data.Common;
using Npgsql;

namespace SupportChat.Storage.Postgres;

/// <summary>
/// The history in PostgreSQL, for a cluster of servers. Each server has its own writer loop committing whatever has
/// queued in one transaction, its writes sent in one round trip (group commit: one WAL flush for many sends); several
/// servers write concurrently, and the (conversation, seq) key keeps any seq from being stored twice. The data source
/// belongs to the caller: disposing the store leaves it open.
/// </summary>
public sealed class PostgresChatStore(NpgsqlDataSource dataSource, int maxBatchSize = 256) : DbChatStore(PostgresRows.Instance, maxBatchSize)
{
    private protected override Task PrepareAsync(CancellationToken cancellationToken) => PostgresSchema.EnsureAsync(dataSource, cancellationToken);

    // A pooled connection per commit rather than one the writer keeps: the pool replaces a connection that a database
    // restart broke, so only the batch that found it broken fails.
    private protected override async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PostgresWriteBatch.ApplyAsync(connection, transaction, batch);
        await transaction.CommitAsync();
    }

    private protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);
}
