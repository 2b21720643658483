using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SupportChat.Storage.Tests;

/// <summary>
/// A commit the test lets through by hand: each batch waits until the test releases or fails it, so writes made
/// meanwhile are sure to queue behind it. Serves as the <see cref="GroupCommitQueue"/>'s commit function (nothing is
/// written) or as a store's <see cref="DbChatStore.CommitStarting"/> (the real commit follows the release).
/// </summary>
internal sealed class CommitGate(int hold = int.MaxValue)
{
    private readonly Channel<HeldCommit> _held = Channel.CreateUnbounded<HeldCommit>();
    private readonly ConcurrentQueue<PendingWrite[]> _batches = new();

    /// <summary>Every batch so far, held or not, in commit order.</summary>
    public IReadOnlyList<PendingWrite[]> Batches => [.. _batches];

    /// <summary>Holds the first <c>hold</c> batches; later ones go straight through.</summary>
    public Task Commit(IReadOnlyList<PendingWrite> batch)
    {
        // The queue reuses its list for the next batch: keep a copy.
        PendingWrite[] copy = [.. batch];
        _batches.Enqueue(copy);
        if (_batches.Count > hold)
        {
            return Task.CompletedTask;
        }

        var held = new HeldCommit(copy);
        _held.Writer.TryWrite(held);
        return held.Released;
    }

    /// <summary>The next batch to reach the gate, held there.</summary>
    public Task<HeldCommit> NextAsync(string what) => _held.Reader.ReadAsync().AsTask().WithTimeout(what);
}

internal sealed class HeldCommit(PendingWrite[] batch)
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<PendingWrite> Batch { get; } = batch;

    public Task Released => _release.Task;

    public void Release() => _release.TrySetResult();

    public void Fail(Exception error) => _release.TrySetException(error);
}
