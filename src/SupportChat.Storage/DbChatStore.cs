using System.Data.Common;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using SupportChat.Domain.Reports;
using SupportChat.Storage.Webhooks;

namespace SupportChat.Storage;

/// <summary>
/// What the SQLite and the PostgreSQL history share: conversation saves and appends go through one writer loop that
/// commits whatever has queued in one transaction (<see cref="GroupCommitQueue"/>), and a write's task completes only
/// once that transaction is durable. Reads run on pooled connections of their own and never wait for the writer; a
/// rating, rare, is written on such a connection too. A store supplies its connections, how it keeps a time and an
/// agent list (<see cref="StoreRows"/>), and how it commits a batch. Feed events ride the transaction of the change they
/// describe (or are a write of their own); each store gives them gapless cursors in commit order.
/// </summary>
public abstract partial class DbChatStore : IChatStore, IReportStore, IStoreProbe, IAsyncDisposable
{
    private const string NewestFirst = $"{StoreSql.SelectConversations} ORDER BY c.started_at DESC, c.id DESC";

    private readonly StoreRows _rows;
    private readonly GroupCommitQueue _queue;
    private readonly SemaphoreSlim _initGate = new(1, 1);

    private protected DbChatStore(StoreRows rows, int maxBatchSize)
    {
        _rows = rows;
        _queue = new GroupCommitQueue(maxBatchSize, CommitBatchAsync, GetType().Name);
        Webhooks = new DbWebhookStore(rows, OpenAsync);
    }

    /// <summary>The webhooks and where their delivery stands, in the same database.</summary>
    public IWebhookStore Webhooks { get; }

    /// <summary>Transactions committed by the writer loop so far (shows group commit at work).</summary>
    public long CommitCount => _queue.CommitCount;

    /// <summary>Told of every transaction of the writer loop (metrics); set before writes begin.</summary>
    public Action<CommitStats>? Committed
    {
        get => _queue.Committed;
        set => _queue.Committed = value;
    }

    /// <summary>Awaited by the writer loop before each batch's transaction. Tests hold the loop inside a commit with it,
    /// so that the writes they make meanwhile are sure to share the next one.</summary>
    internal Func<IReadOnlyList<PendingWrite>, Task>? CommitStarting { get; set; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_queue.IsStarted)
            {
                return;
            }

            await PrepareAsync(cancellationToken);
            _queue.Start();
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>Completes after each local commit of events (feed readers wait on it, and poll for other nodes').</summary>
    public EventCommits EventCommits => _queue.EventCommits;

    /// <inheritdoc />
    public Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken) =>
        _queue.SaveAsync(conversation, [], cancellationToken);

    /// <inheritdoc />
    public Task SaveConversationAsync(ConversationRecord conversation, IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) =>
        _queue.SaveAsync(conversation, events, cancellationToken);

    /// <inheritdoc />
    public Task RecordEventsAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) =>
        _queue.RecordAsync(events, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChatEvent>> ReadEventsAsync(long afterCursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.Command(StoreSql.SelectEventsAfter, ("@after", afterCursor), ("@limit", limit));
        return await select.ReadAllAsync(_rows.ReadEvent, cancellationToken);
    }

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken) =>
        _queue.AppendAsync(messages, cancellationToken);

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<StoredMessage> messages, Action durable, CancellationToken cancellationToken) =>
        _queue.AppendAsync(messages, durable, cancellationToken);

    /// <inheritdoc />
    public async Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);

        // Through the writer, so that its event takes a cursor like any other. The event's facts (customer, agent,
        // department) are read first: an ended conversation's row no longer changes.
        var conversation = await GetConversationAsync(conversationId, cancellationToken)
            ?? throw new InvalidOperationException($"conversation {conversationId} is not stored; it cannot be rated.");
        await _queue.RateAsync(conversationId, rating, ConversationEvents.Rated(conversation, rating), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        var found = await QueryConversationsAsync($"{StoreSql.SelectConversations} WHERE c.id = @id", [("@id", conversationId)], cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.Command(StoreSql.SelectMessagesAfter, ("@id", conversationId), ("@after", afterSeq));
        return await select.ReadAllAsync(_rows.ReadMessage, cancellationToken);
    }

    /// <inheritdoc />
    public Task AddNoteAsync(StoredNote note, CancellationToken cancellationToken) => _queue.NoteAsync(note, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredNote>> GetNotesAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.Command(StoreSql.SelectNotes, ("@id", conversationId));
        return await select.ReadAllAsync(_rows.ReadNote, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(int limit, CancellationToken cancellationToken) =>
        limit > 0
            ? QueryConversationsAsync($"{NewestFirst} LIMIT @limit", [("@limit", limit)], cancellationToken)
            : QueryConversationsAsync(NewestFirst, [], cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken) =>
        QueryConversationsAsync(
            $"{StoreSql.SelectConversations} WHERE c.status <> {(int)ConversationStatus.Ended} ORDER BY c.started_at, c.id", [], cancellationToken);

    /// <inheritdoc />
    public async Task<Report> ReportAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken);
        return await ReportReader.ReadAsync(connection, _rows, query, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (_queue.Problem is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        // A read on a pooled connection: the database answers. Writing a row every few seconds would only add to history.
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.Command("SELECT 1");
        await select.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Stops accepting writes and returns once what is queued has been committed; then closes what the store opened.</summary>
    public async ValueTask DisposeAsync()
    {
        await _queue.StopAsync();
        await CloseAsync();
        _initGate.Dispose();
    }

    /// <summary>Creates the schema and gets ready to commit; called once (again only after it failed).</summary>
    private protected abstract Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Writes the batch in one transaction and returns once it is durable. A unit whose (conversation, seq) is
    /// taken is marked <see cref="PendingAppend.Conflicted"/>, with none of its rows left written, rather than failing the
    /// transaction; anything thrown fails every write of the batch.</summary>
    private protected abstract Task CommitAsync(IReadOnlyList<PendingWrite> batch);

    /// <summary>An open connection for a read or a rating.</summary>
    private protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Releases what <see cref="PrepareAsync"/> opened; the writer loop has stopped.</summary>
    private protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    private Task CommitBatchAsync(IReadOnlyList<PendingWrite> batch) =>
        CommitStarting is { } starting ? CommitAfterAsync(starting(batch), batch) : CommitAsync(batch);

    private async Task CommitAfterAsync(Task starting, IReadOnlyList<PendingWrite> batch)
    {
        await starting;
        await CommitAsync(batch);
    }

    private async Task<IReadOnlyList<ConversationRecord>> QueryConversationsAsync(string sql, (string Name, object? Value)[] parameters,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.Command(sql, parameters);
        return await select.ReadAllAsync(_rows.ReadConversation, cancellationToken);
    }
}
