using Microsoft.Data.Sqlite;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage.Sqlite;

/// <summary>
/// The embedded history: one SQLite file in WAL mode. All writes go through a single writer loop that
/// commits whatever has queued up in one transaction (group commit), so many concurrent sends cost one fsync.
/// Reads use their own pooled connections and never wait for the writer.
/// </summary>
public sealed class SqliteChatStore : IChatStore, IAsyncDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private SqliteConnection? _writer;
    private MessageInserter? _inserter;
    private GroupCommitQueue? _queue;

    /// <summary>Creates a store over the file the options name; call <see cref="InitializeAsync"/> before use.</summary>
    public SqliteChatStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Store:MaxBatchSize must be at least 1.");
        }

        _options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>Transactions committed by the writer loop so far (shows group commit at work).</summary>
    public long CommitCount => _queue?.CommitCount ?? 0;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_writer is not null)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_options.DatabasePath)!);
            var writer = new SqliteConnection(_connectionString);
            await writer.OpenAsync(cancellationToken);
            var synchronous = _options.Durability == StoreDurability.Full ? "FULL" : "NORMAL";
            await ExecuteAsync(writer, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000;", cancellationToken);
            await ExecuteAsync(writer, SqliteSchema.Create, cancellationToken);
            _writer = writer;
            _inserter = new MessageInserter(writer);
            var inserter = _inserter;
            _queue = new GroupCommitQueue(_options.MaxBatchSize, batch => Commit(writer, inserter, batch), nameof(SqliteChatStore));
            _queue.Start();
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <inheritdoc />
    public Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken) =>
        Queue.SaveAsync(conversation, cancellationToken);

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken) =>
        Queue.AppendAsync(messages, cancellationToken);

    /// <inheritdoc />
    public async Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {StoreColumns.Conversation} FROM conversations c {StoreColumns.ConversationJoins} WHERE c.id = $id";
        select.Parameters.AddWithValue("$id", conversationId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? SqliteRows.ReadConversation(reader) : null;
    }

    /// <inheritdoc />
    public async Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);

        // Rare and independent of the message log: written on its own connection (WAL lets it wait its turn).
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var upsert = connection.CreateCommand();
        upsert.CommandText = """
            INSERT INTO ratings (conversation_id, score, comment, rated_at) VALUES ($id, $score, $comment, $at)
            ON CONFLICT (conversation_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, rated_at = excluded.rated_at
            """;
        upsert.Parameters.AddWithValue("$id", conversationId);
        upsert.Parameters.AddWithValue("$score", rating.Score);
        upsert.Parameters.AddWithValue("$comment", rating.Comment);
        upsert.Parameters.AddWithValue("$at", SqliteRows.ToMs(rating.RatedAt));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {StoreColumns.Message} FROM messages WHERE conversation_id = $id AND seq > $after ORDER BY seq";
        select.Parameters.AddWithValue("$id", conversationId);
        select.Parameters.AddWithValue("$after", afterSeq);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var messages = new List<StoredMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(SqliteRows.ReadMessage(reader));
        }

        return messages;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(int limit, CancellationToken cancellationToken) =>
        QueryConversationsAsync(
            $"SELECT {StoreColumns.Conversation} FROM conversations c {StoreColumns.ConversationJoins} ORDER BY c.started_at DESC, c.id DESC LIMIT $limit",
            limit > 0 ? limit : -1,
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken) =>
        QueryConversationsAsync(
            $"SELECT {StoreColumns.Conversation} FROM conversations c {StoreColumns.ConversationJoins} WHERE c.status <> {(int)ConversationStatus.Ended} ORDER BY c.started_at, c.id LIMIT $limit",
            -1,
            cancellationToken);

    /// <summary>Stops accepting writes, commits what is queued and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_queue is not null)
        {
            await _queue.StopAsync();
        }

        _inserter?.Dispose();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _initGate.Dispose();
    }

    private GroupCommitQueue Queue => _queue ?? throw new InvalidOperationException("The store is not initialized.");

    private static Task Commit(SqliteConnection connection, MessageInserter inserter, IReadOnlyList<PendingWrite> batch)
    {
        using var transaction = connection.BeginTransaction();
        SqliteWriteBatch.Apply(connection, transaction, inserter, batch);
        transaction.Commit();
        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<ConversationRecord>> QueryConversationsAsync(string sql, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = sql;
        select.Parameters.AddWithValue("$limit", limit);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var conversations = new List<ConversationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            conversations.Add(SqliteRows.ReadConversation(reader));
        }

        return conversations;
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
