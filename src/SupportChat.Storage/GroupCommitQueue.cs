using System.Diagnostics;
using System.Threading.Channels;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage;

/// <summary>
/// A store's single writer loop: writes queue up, and whatever has queued while the previous commit ran (up to a batch
/// size) is committed in one transaction, so many concurrent sends cost one flush, while a write alone is committed at
/// once. A caller hears of its write only after the commit; if the commit fails, every write of the batch fails and none
/// is acknowledged.
/// </summary>
internal sealed class GroupCommitQueue
{
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly int _maxBatchSize;
    private readonly Func<IReadOnlyList<PendingWrite>, Task> _commit;
    private readonly string _storeName;
    private Task? _loop;
    private long _commits;
    private volatile Exception? _lastFailure;

    /// <param name="commit">Writes a batch in one transaction; completes once it is durable.</param>
    /// <param name="storeName">Named by the <see cref="ObjectDisposedException"/> a write after <see cref="StopAsync"/> gets.</param>
    public GroupCommitQueue(int maxBatchSize, Func<IReadOnlyList<PendingWrite>, Task> commit, string storeName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _maxBatchSize = maxBatchSize;
        _commit = commit;
        _storeName = storeName;
    }

    public long CommitCount => Interlocked.Read(ref _commits);

    /// <summary>Pulsed after every transaction that committed events, so feed readers wake (from the writer loop).</summary>
    public EventCommits EventCommits { get; } = new();

    /// <summary>Told of every transaction once it has committed or failed (from the writer loop: keep it cheap).</summary>
    public Action<CommitStats>? Committed { get; set; }

    public bool IsStarted => _loop is not null;

    /// <summary>Whether writes are being committed: the loop runs and its last commit did not fail. A failed commit
    /// counts until one succeeds, so readiness reflects the disk or database as the writes last found it.</summary>
    public string? Problem =>
        _loop is null ? "not initialized"
        : _loop.IsCompleted ? "the writer has stopped"
        : _lastFailure is { } failure ? $"the last commit failed: {failure.Message}"
        : null;

    /// <summary>Starts the writer loop; writes are refused before.</summary>
    public void Start() => _loop ??= Task.Run(RunAsync, CancellationToken.None);

    /// <summary>Completes once the conversation's row is committed. Cancelling ends the wait, not the write.</summary>
    public Task SaveAsync(ConversationRecord conversation, CancellationToken cancellationToken) => SaveAsync(conversation, [], cancellationToken);

    /// <summary>Completes once the conversation's row and its events are committed. Cancelling ends the wait, not the write.</summary>
    public Task SaveAsync(ConversationRecord conversation, IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) =>
        WriteAsync(new PendingConversation(conversation, events), cancellationToken);

    /// <summary>Completes once the events are committed. Cancelling ends the wait, not the write.</summary>
    public Task RecordAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) =>
        WriteAsync(new PendingEvents(events), cancellationToken);

    /// <summary>Completes once the rating and its event are committed. Cancelling ends the wait, not the write.</summary>
    public Task RateAsync(string conversationId, ConversationRating rating, ChatEvent rated, CancellationToken cancellationToken) =>
        WriteAsync(new PendingRating(conversationId, rating, rated), cancellationToken);

    /// <summary>Completes once the private note is committed. Cancelling ends the wait, not the write.</summary>
    public Task NoteAsync(StoredNote note, CancellationToken cancellationToken) => WriteAsync(new PendingNote(note), cancellationToken);

    private Task WriteAsync(PendingWrite pending, CancellationToken cancellationToken)
    {
        Enqueue(pending);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once the unit is committed, or with its <see cref="StoreConflictException"/> once the transaction
    /// it was in has committed. Cancelling ends the wait, not the write.</summary>
    public Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken) => AppendAsync(messages, null, cancellationToken);

    /// <summary>As <see cref="AppendAsync(IReadOnlyList{StoredMessage}, CancellationToken)"/>; <paramref name="durable"/> runs
    /// on the writer loop right after a commit that stored the unit, before its waiter is told.</summary>
    public Task AppendAsync(IReadOnlyList<StoredMessage> messages, Action? durable, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(messages, durable);
        Enqueue(pending);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private void Enqueue(PendingWrite write)
    {
        Exception? refused = _loop is null ? new InvalidOperationException("The store is not initialized.")
            : !_writes.Writer.TryWrite(write) ? new ObjectDisposedException(_storeName)
            : null;
        if (refused is not null)
        {
            StoreTracing.End(write.Span, refused);
            throw refused;
        }
    }

    /// <summary>Takes no more writes and returns once what is queued has been committed (or failed).</summary>
    public async Task StopAsync()
    {
        _writes.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_maxBatchSize);
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatchSize && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var span = StoreTracing.StartCommit(batch);
        try
        {
            await _commit(batch);
            StoreTracing.End(span, null);
            Interlocked.Increment(ref _commits);
            _lastFailure = null;
            Committed?.Invoke(new CommitStats(batch.Count, StoredMessages(batch), Stopwatch.GetElapsedTime(started), Succeeded: true));
        }
        catch (Exception ex)
        {
            StoreTracing.End(span, ex);
            _lastFailure = ex;
            Committed?.Invoke(new CommitStats(batch.Count, 0, Stopwatch.GetElapsedTime(started), Succeeded: false));
            foreach (var write in batch)
            {
                write.Fail(ex);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Complete();
        }

        if (batch.Exists(write => write.Events.Count > 0))
        {
            EventCommits.Pulse();
        }
    }

    private static int StoredMessages(List<PendingWrite> batch)
    {
        var stored = 0;
        foreach (var write in batch)
        {
            if (write is PendingAppend { Conflict: null } append)
            {
                stored += append.Messages.Count;
            }
        }

        return stored;
    }
}
