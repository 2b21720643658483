using System.Threading.Channels;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage;

/// <summary>
/// A store's single writer loop: writes queue up, and whatever has queued (up to a batch size) is committed in one
/// transaction, so many concurrent sends cost one flush. A caller hears of its write only after the commit; if the
/// commit fails, every write of the batch fails and none is acknowledged.
/// </summary>
internal sealed class GroupCommitQueue(int maxBatchSize, Func<IReadOnlyList<PendingWrite>, Task> commit, string storeName)
{
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private Task? _loop;
    private long _commits;

    public long CommitCount => Interlocked.Read(ref _commits);

    public bool IsStarted => _loop is not null;

    public void Start() => _loop ??= Task.Run(RunAsync, CancellationToken.None);

    /// <summary>Completes once the conversation's row is committed.</summary>
    public Task SaveAsync(ConversationRecord conversation, CancellationToken cancellationToken)
    {
        var pending = new PendingConversation(conversation);
        Enqueue(pending);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once the unit is committed, or with its <see cref="StoreConflictException"/>.</summary>
    public Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(messages);
        Enqueue(pending);
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private void Enqueue(PendingWrite write)
    {
        if (_loop is null)
        {
            throw new InvalidOperationException("The store is not initialized.");
        }

        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(storeName);
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
        var batch = new List<PendingWrite>(maxBatchSize);
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < maxBatchSize && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            await commit(batch);
            Interlocked.Increment(ref _commits);
        }
        catch (Exception ex)
        {
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
    }
}
