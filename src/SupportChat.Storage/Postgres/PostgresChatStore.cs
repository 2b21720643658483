using System.Threading.Channels;
using Npgsql;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Storage.Sqlite;

namespace SupportChat.Storage.Postgres;

/// <summary>
/// The history in PostgreSQL, for a cluster of servers. Like the SQLite store, writes go through one writer loop
/// per server that commits whatever has queued in one transaction (group commit: one WAL flush for many sends);
/// several servers write concurrently, and the (conversation, seq) key keeps any seq from being stored twice.
/// Reads use pooled connections of their own.
/// </summary>
public sealed class PostgresChatStore(NpgsqlDataSource dataSource, int maxBatchSize = 256) : IChatStore, IAsyncDisposable
{
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private Task? _writerLoop;
    private long _commits;

    /// <summary>Transactions committed by the writer loop so far.</summary>
    public long CommitCount => Interlocked.Read(ref _commits);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_writerLoop is not null)
            {
                return;
            }

            await SchemaLock.ApplyAsync(dataSource, PostgresSchema.LockKey, PostgresSchema.Create, cancellationToken);
            _writerLoop = Task.Run(RunWriterAsync, CancellationToken.None);
        }
        finally
        {
            _initGate.Release();
        }
    }

    public Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken)
    {
        var pending = new PendingConversation(conversation);
        Enqueue(pending);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async Task<StoredMessage> AppendAsync(StoredMessage message, CancellationToken cancellationToken) =>
        (await AppendBatchAsync([message], cancellationToken))[0];

    public Task<IReadOnlyList<StoredMessage>> AppendBatchAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(messages);
        Enqueue(pending);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        await using var upsert = dataSource.CreateCommand("""
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
            $"SELECT {PostgresRows.ConversationColumns} FROM conversations c {PostgresRows.ConversationJoins} WHERE c.id = @id",
            c => c.Parameters.AddWithValue("id", conversationId), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var select = dataSource.CreateCommand(
            $"SELECT {PostgresRows.MessageColumns} FROM messages WHERE conversation_id = @id AND seq > @after ORDER BY seq");
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
            $"SELECT {PostgresRows.ConversationColumns} FROM conversations c {PostgresRows.ConversationJoins} ORDER BY c.started_at DESC, c.id DESC LIMIT @limit",
            c => c.Parameters.AddWithValue("limit", limit > 0 ? (object)limit : DBNull.Value), cancellationToken);

    public Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken) =>
        QueryConversationsAsync(
            $"SELECT {PostgresRows.ConversationColumns} FROM conversations c {PostgresRows.ConversationJoins} WHERE c.status <> {(int)ConversationStatus.Ended} ORDER BY c.started_at, c.id",
            _ => { }, cancellationToken);

    /// <summary>Stops accepting writes and commits what is queued. The data source belongs to the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        if (_writerLoop is not null)
        {
            await _writerLoop;
        }

        _initGate.Dispose();
    }

    private void Enqueue(PendingWrite write)
    {
        if (_writerLoop is null)
        {
            throw new InvalidOperationException("The store is not initialized.");
        }

        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(PostgresChatStore));
        }
    }

    private async Task RunWriterAsync()
    {
        var batch = new List<PendingWrite>(maxBatchSize);
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxBatchSize && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            await CommitBatchAsync(batch);
        }
    }

    private async Task CommitBatchAsync(List<PendingWrite> batch)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await PostgresWriteBatch.ApplyAsync(connection, transaction, batch);
            await transaction.CommitAsync();
            Interlocked.Increment(ref _commits);
        }
        catch (Exception ex)
        {
            // Nothing in the batch is durable: every caller hears about it and none is acknowledged.
            foreach (var write in batch)
            {
                write.Fail(ex);
            }

            return;
        }

        foreach (var write in batch)
        {
            switch (write)
            {
                case PendingAppend append:
                    append.Complete();
                    break;
                case PendingConversation save:
                    save.Completion.TrySetResult();
                    break;
            }
        }
    }

    private async Task<IReadOnlyList<ConversationRecord>> QueryConversationsAsync(
        string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var select = dataSource.CreateCommand(sql);
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
