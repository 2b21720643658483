using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

/// <summary>The writer loop on its own, over a commit the test holds and releases: every step is an await.</summary>
public sealed class GroupCommitQueueTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AppendAsync_WhileACommitRuns_WaitsForTheNextCommitWithTheOthersUpToTheBatchSize()
    {
        var gate = new CommitGate();
        var queue = Started(gate, maxBatchSize: 3);
        var first = queue.AppendAsync(Unit("c1", 1), None);
        var running = await gate.NextAsync("the first commit");

        StoredMessage[][] units = [Unit("c1", 2), Unit("c2", 1), Unit("c1", 3), Unit("c2", 2)];
        var later = units.Select(unit => queue.AppendAsync(unit, None)).ToArray();
        Assert.False(first.IsCompleted, "acknowledged before its commit returned");
        running.Release();
        await first.WithTimeout("the first unit's acknowledgement");

        var second = await gate.NextAsync("the second commit");
        Assert.Equal(units[..3], second.Batch.Cast<PendingAppend>().Select(a => a.Messages));
        Assert.DoesNotContain(later, write => write.IsCompleted);
        second.Release();
        var third = await gate.NextAsync("the third commit");
        Assert.Equal([units[3]], third.Batch.Cast<PendingAppend>().Select(a => a.Messages));
        third.Release();

        await Task.WhenAll(later).WithTimeout("the later units' acknowledgements");
        Assert.Equal(3, queue.CommitCount);
    }

    [Fact]
    public async Task CommitFails_EveryWriteOfItsBatchFails_AndTheNextBatchIsCommitted()
    {
        var gate = new CommitGate();
        var queue = Started(gate, maxBatchSize: 10);
        var first = queue.SaveAsync(Conversation("c1"), None);
        var running = await gate.NextAsync("the first commit");
        var append = queue.AppendAsync(Unit("c1", 1), None);
        var save = queue.SaveAsync(Conversation("c2"), None);
        running.Release();
        await first.WithTimeout("the first save's acknowledgement");

        var failing = await gate.NextAsync("the commit that fails");
        Assert.Equal(2, failing.Batch.Count);
        var error = new IOException("disk full");
        failing.Fail(error);

        Assert.Same(error, await Assert.ThrowsAsync<IOException>(() => append.WithTimeout("the append's failure")));
        Assert.Same(error, await Assert.ThrowsAsync<IOException>(() => save.WithTimeout("the save's failure")));
        var next = queue.AppendAsync(Unit("c1", 1), None);
        (await gate.NextAsync("the commit after the failure")).Release();
        await next.WithTimeout("the retried append's acknowledgement");
        Assert.Equal(2, queue.CommitCount);
    }

    [Fact]
    public async Task FailedCommit_IsAProblemUntilACommitSucceeds_AndEveryCommitIsReported_WithoutConflictedMessages()
    {
        var gate = new CommitGate();
        var queue = Started(gate, maxBatchSize: 10);
        var reported = new List<CommitStats>();
        queue.Committed = reported.Add; // called from the writer loop, one commit at a time
        Assert.Null(queue.Problem);

        var failed = queue.AppendAsync(Unit("c1", 1), None);
        (await gate.NextAsync("the commit that fails")).Fail(new IOException("disk full"));
        await Assert.ThrowsAsync<IOException>(() => failed.WithTimeout("the append's failure"));
        Assert.Equal("the last commit failed: disk full", queue.Problem);

        var blocker = queue.SaveAsync(Conversation("c1"), None);
        var running = await gate.NextAsync("the save's commit");
        StoredMessage[] taken = Unit("c1", 1);
        var conflicting = queue.AppendAsync(taken, None);
        var fine = queue.AppendAsync(Unit("c2", 1, 2), None);
        running.Release();
        await blocker.WithTimeout("the save's acknowledgement");
        var commit = await gate.NextAsync("the commit with the conflict");
        ((PendingAppend)commit.Batch[0]).Conflicted(taken[0]);
        commit.Release();
        await fine.WithTimeout("the other unit's acknowledgement");
        await Assert.ThrowsAsync<StoreConflictException>(() => conflicting.WithTimeout("the conflict"));

        Assert.Null(queue.Problem);
        Assert.Equal([(1, 0, false), (1, 0, true), (2, 2, true)], reported.Select(r => (r.Writes, r.MessagesStored, r.Succeeded)));
    }

    [Fact]
    public async Task UnitConflicts_OnlyThatUnitFails_AndOnlyOnceItsTransactionCommitted()
    {
        var gate = new CommitGate();
        var queue = Started(gate, maxBatchSize: 10);
        var blocker = queue.SaveAsync(Conversation("c1"), None);
        var running = await gate.NextAsync("the first commit");
        StoredMessage[] taken = Unit("c1", 1, 2);
        var conflicting = queue.AppendAsync(taken, None);
        var fine = queue.AppendAsync(Unit("c2", 1), None);
        running.Release();
        await blocker.WithTimeout("the first save's acknowledgement");

        var commit = await gate.NextAsync("the commit with the conflict");
        ((PendingAppend)commit.Batch[0]).Conflicted(taken[1]);
        Assert.False(conflicting.IsCompleted, "the conflict was reported before its transaction committed");
        commit.Release();

        var conflict = await Assert.ThrowsAsync<StoreConflictException>(() => conflicting.WithTimeout("the conflicting unit's failure"));
        Assert.Contains("seq 2", conflict.Message);
        await fine.WithTimeout("the other unit's acknowledgement");
    }

    [Fact]
    public async Task DurableCallback_RunsAfterTheCommit_BeforeTheWaiterIsTold_AndNeverForAConflictedUnit()
    {
        var gate = new CommitGate();
        var queue = Started(gate, maxBatchSize: 10);
        var blocker = queue.SaveAsync(Conversation("c1"), None);
        var running = await gate.NextAsync("the first commit");
        StoredMessage[] taken = Unit("c1", 1);
        var told = new List<string>();
        Task? stored = null;
        stored = queue.AppendAsync(Unit("c2", 1), () => told.Add(stored!.IsCompleted ? "after the waiter" : "stored"), None);
        var conflicting = queue.AppendAsync(taken, () => told.Add("conflicted"), None);
        running.Release();
        await blocker.WithTimeout("the first save's acknowledgement");

        var commit = await gate.NextAsync("the commit of both units");
        ((PendingAppend)commit.Batch[1]).Conflicted(taken[0]);
        Assert.Empty(told); // nothing before the transaction commits
        commit.Release();

        await stored.WithTimeout("the stored unit's acknowledgement");
        await Assert.ThrowsAsync<StoreConflictException>(() => conflicting.WithTimeout("the conflicting unit's failure"));
        Assert.Equal(["stored"], told);
    }

    [Fact]
    public async Task StopAsync_CommitsWhatIsQueuedThenRefusesWrites()
    {
        var gate = new CommitGate();
        var queue = Started(gate, maxBatchSize: 10);
        var first = queue.AppendAsync(Unit("c1", 1), None);
        var running = await gate.NextAsync("the first commit");
        var queued = queue.AppendAsync(Unit("c1", 2), None);

        var stopping = queue.StopAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.AppendAsync(Unit("c1", 3), None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queue.SaveAsync(Conversation("c1"), None));
        Assert.False(stopping.IsCompleted, "stopped with a commit still running");
        running.Release();
        (await gate.NextAsync("the queued unit's commit")).Release();

        await stopping.WithTimeout("the queue to stop");
        await Task.WhenAll(first, queued).WithTimeout("the acknowledgements of the writes made before stopping");
        Assert.Equal(2, queue.CommitCount);
    }

    [Fact]
    public async Task Writes_BeforeStart_AreRefused()
    {
        var queue = new GroupCommitQueue(10, new CommitGate().Commit, "store");

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.AppendAsync(Unit("c1", 1), None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.SaveAsync(Conversation("c1"), None));
        await queue.StopAsync().WithTimeout("a queue that never started to stop");
    }

    [Fact]
    public async Task AppendAsync_CallerCancels_StopsWaitingButTheUnitIsStillCommitted()
    {
        var gate = new CommitGate();
        var queue = Started(gate, maxBatchSize: 10);
        using var cancel = new CancellationTokenSource();
        var append = queue.AppendAsync(Unit("c1", 1), cancel.Token);
        var running = await gate.NextAsync("the commit");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => append.WithTimeout("the cancelled wait"));
        running.Release();
        await queue.StopAsync().WithTimeout("the queue to stop");

        Assert.Equal(1, queue.CommitCount);
        Assert.Single(gate.Batches);
    }

    [Fact]
    public void Constructor_BatchSizeBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupCommitQueue(0, new CommitGate().Commit, "store"));

    private static GroupCommitQueue Started(CommitGate gate, int maxBatchSize)
    {
        var queue = new GroupCommitQueue(maxBatchSize, gate.Commit, "store");
        queue.Start();
        return queue;
    }
}
