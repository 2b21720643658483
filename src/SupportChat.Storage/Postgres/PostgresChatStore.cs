using Npgsql;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage.Postgres;

/// <summary>
/// The history in PostgreSQL, for a cluster of servers. Like the SQLite store, writes go through one writer loop
/// per server that commits whatever has queued in one transaction (group commit: one WAL flush for many sends);
/// several servers write concurrently, and the (conversation, seq) key keeps any seq from being stored twice.
/// Reads use pooled connections of their own.
/// </summary>
public sealed class PostgresChatStore : IChatStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly GroupCommitQueue _queue;

    public PostgresChatStore(NpgsqlDataSource dataSource, int maxBatchSize = 256)
    {
        _dataSource = dataSource;
        _queue = new GroupCommitQueue(maxBatchSize, CommitAsync, nameof(PostgresChatStore));
    }

    /// <summary>Transactions committed by the writer loop so far.</summary>
    public long CommitCount => _queue.CommitCount;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_queue.IsStarted)
            {
                return;
            }

            await PostgresSchema.EnsureAsync(_dataSource, cancellationToken);
            _queue.Start();
        }
        finally
        {
            _initGate.Release();
        }
    }

    public Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken) =>
        _queue.SaveAsync(conversation, cancellationToken);

    public Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken) =>
        _queue.AppendAsync(messages, cancellationToken);

    public async Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        await using var upsert = _dataSource.CreateCommand("""
            INSERT INTO ratings (conversation_id, score, comment, rated_at) VALUES (@id, @score, @comment, @at)
            ON CONFLICT (conversation_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, rated_at = excluded.rated_at
            """);
        upsert.Parameters.AddWithValue("id", conversationId);
        upsert.Parameters.AddWithValue("score", rating.Score);
        upsert.Parameters.AddWithValue("comment", rating.Comment);
        upsert.Parameters.AddWithValue("at", PostgresRows.ToDb(rating.RatedAt));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var found = await QueryConversationsAsync(
            $"SELECT {StoreColumns.Conversation} FROM conversations c {StoreColumns.ConversationJoins} WHERE c.id = @id",
            c => c.Parameters.AddWithValue("id", conversationId), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var select = _dataSource.CreateCommand(
            $"SELECT {StoreColumns.Message} FROM messages WHERE conversation_id = @id AND seq > @after ORDER BY seq");
        select.Parameters.AddWithValue("id", conversationId);
        select.Parameters.AddWithValue("after", afterSeq);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var messages = new List<StoredMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(PostgresRows.ReadMessage(reader));
        }

        return messages;
    }

    public Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(int limit, CancellationToken cancellationToken) =>
        QueryConversationsAsync(
            $"SELECT {StoreColumns.Conversation} FROM conversations c {StoreColumns.ConversationJoins} ORDER BY c.started_at DESC, c.id DESC LIMIT @limit",
            c => c.Parameters.AddWithValue("limit", limit > 0 ? (object)limit : DBNull.Value), cancellationToken);

    public Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken) =>
        QueryConversationsAsync(
            $"SELECT {StoreColumns.Conversation} FROM conversations c {StoreColumns.ConversationJoins} WHERE c.status <> {(int)ConversationStatus.Ended} ORDER BY c.started_at, c.id",
            _ => { }, cancellationToken);

    /// <summary>Stops accepting writes and commits what is queued. The data source belongs to the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        await _queue.StopAsync();
        _initGate.Dispose();
    }

    private async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await PostgresWriteBatch.ApplyAsync(connection, transaction, batch);
        await transaction.CommitAsync();
    }

    private async Task<IReadOnlyList<ConversationRecord>> QueryConversationsAsync(
        string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var select = _dataSource.CreateCommand(sql);
        bind(select);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var conversations = new List<ConversationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            conversations.Add(PostgresRows.ReadConversation(reader));
        }

        return conversations;
    }
}
