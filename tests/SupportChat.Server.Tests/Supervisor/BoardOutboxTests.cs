using SupportChat.Grains.Board;
using SupportChat.Server.Streams.Supervisor;

namespace SupportChat.Server.Tests.Supervisor;

/// <summary>One Watch stream's outbox: a snapshot first, changes after it, one pending state per row.</summary>
public sealed class BoardOutboxTests
{
    private static readonly Guid Epoch = Guid.NewGuid();
    private static readonly DateTimeOffset Nine = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_slow_watcher_gets_only_the_newest_state_of_each_row_in_the_order_rows_last_changed()
    {
        var outbox = new BoardOutbox();
        outbox.Snapshot(Snapshot(version: 1));
        outbox.Take();

        outbox.Changes(new BoardChanges(Epoch, 2, [Waiting(1), Conversation("c1", queued: true)]));
        outbox.Changes(new BoardChanges(Epoch, 3, [Waiting(0), Conversation("c1", queued: false)]));

        var (snapshot, changes) = outbox.Take();
        Assert.Null(snapshot);
        Assert.Equal([0, -1], changes.Select(c => c.Department?.Waiting ?? -1));
        Assert.False(changes[1].Conversation!.Queued);
    }

    [Fact]
    public void Changes_that_arrive_before_the_snapshot_are_kept_only_when_newer_than_it()
    {
        var outbox = new BoardOutbox();
        outbox.Changes(new BoardChanges(Epoch, 2, [Waiting(1)]));
        outbox.Changes(new BoardChanges(Epoch, 3, [Waiting(2)]));

        outbox.Snapshot(Snapshot(version: 2));

        var (snapshot, changes) = outbox.Take();
        Assert.NotNull(snapshot);
        Assert.Equal(2, Assert.Single(changes).Department!.Waiting);
    }

    [Fact]
    public void A_missed_step_or_another_board_asks_for_a_new_snapshot()
    {
        var outbox = new BoardOutbox();
        outbox.Snapshot(Snapshot(version: 1));
        outbox.Take();

        outbox.Changes(new BoardChanges(Epoch, 3, [Waiting(1)]));
        Assert.True(outbox.ResyncRequests.TryRead(out _));
        outbox.Changes(new BoardChanges(Guid.NewGuid(), 2, [Waiting(1)]));
        Assert.True(outbox.ResyncRequests.TryRead(out _));

        Assert.Empty(outbox.Take().Changes);
    }

    [Fact]
    public void A_new_snapshot_replaces_what_was_waiting()
    {
        var outbox = new BoardOutbox();
        outbox.Snapshot(Snapshot(version: 1));
        outbox.Changes(new BoardChanges(Epoch, 2, [Waiting(1)]));

        outbox.Snapshot(Snapshot(version: 5));

        var (snapshot, changes) = outbox.Take();
        Assert.Equal(5, snapshot!.Version);
        Assert.Empty(changes);
    }

    private static BoardSnapshot Snapshot(long version) =>
        new(Epoch, version, [], [], [], new TodayFigures(DateOnly.FromDateTime(Nine.UtcDateTime), 0, 0, 0, 0), Nine);

    private static BoardChange Waiting(int waiting) => new() { Department = new DepartmentBoardRow("general", waiting, null, 0, 0, 0) };

    private static BoardChange Conversation(string id, bool queued) =>
        new() { Conversation = new ConversationBoardRow(id, "Cleo", null, null, "general", queued, Nine, null, null) };
}
