using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

/// <summary>The event feed: events ride the transaction of the change they describe and get gapless cursors in commit
/// order.</summary>
public abstract partial class ChatStoreTests
{
    [Fact]
    public async Task SaveConversationAsync_WithEvents_StoresThemWithCursorsFromOneAndEveryField()
    {
        var transferred = new ChatEvent(ChatEventKinds.ConversationTransferred, T0.AddMinutes(1))
        {
            ConversationId = "c1", Department = "billing", FromDepartment = "general", AgentId = "ada-lovelace", AgentName = "Ada Lovelace",
            CustomerId = "u-c1", CustomerName = "Bob Smith", Reason = "transferred to billing",
        };
        var queued = new ChatEvent(ChatEventKinds.ConversationQueued, T0.AddMinutes(1)) { ConversationId = "c1", Department = "billing" };
        var ended = new ChatEvent(ChatEventKinds.ConversationEnded, T0.AddMinutes(2))
        {
            ConversationId = "c1", Department = "billing", Reason = "bye", EndedBy = EndedBy.Customer,
        };
        var signedIn = new ChatEvent(ChatEventKinds.AgentSignedIn, T0.AddMinutes(3)) { AgentId = "ada-lovelace", AgentName = "Ada Lovelace", Status = "available" };

        await Store.SaveConversationAsync(Conversation("c1"), [transferred, queued], None);
        await Store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), [ended], None);
        await Store.RecordEventsAsync([signedIn], None);

        Assert.Equal([transferred with { Cursor = 1 }, queued with { Cursor = 2 }, ended with { Cursor = 3 }, signedIn with { Cursor = 4 }],
            await Store.ReadEventsAsync(0, 100, None));
        Assert.Equal([ended with { Cursor = 3 }], await Store.ReadEventsAsync(2, 1, None));
        Assert.Empty(await Store.ReadEventsAsync(4, 100, None));
    }

    [Fact]
    public async Task RateAsync_WritesTheRatedEventWithTheConversationsFacts()
    {
        await Store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), None);

        await Store.RateAsync("c1", new ConversationRating(4, "quick", T0.AddMinutes(9)), None);

        var rated = Assert.Single(await Store.ReadEventsAsync(0, 10, None));
        Assert.Equal(new ChatEvent(ChatEventKinds.ConversationRated, T0.AddMinutes(9))
        {
            Cursor = 1, ConversationId = "c1", Department = "general", AgentId = "ada-lovelace", AgentName = "Ada Lovelace",
            CustomerId = "u-c1", CustomerName = "Bob Smith", Score = 4,
        }, rated);
        Assert.Equal(4, (await Store.GetConversationAsync("c1", None))!.Rating!.Score);
    }

    [Fact]
    public async Task Events_of_one_group_commit_take_consecutive_cursors_in_the_order_they_were_queued()
    {
        var gate = HoldFirstCommit();
        var blocker = Store.SaveConversationAsync(Conversation("blocker"), [QueuedEvent("blocker", 0)], None);
        var held = await gate.NextAsync("the commit that holds the writer");
        var writes = Enumerable.Range(1, 20)
            .Select(i => i % 2 == 0
                ? Store.SaveConversationAsync(Conversation($"c{i}"), [QueuedEvent($"c{i}", i), QueuedEvent($"c{i}", i)], None)
                : Store.RecordEventsAsync([QueuedEvent($"c{i}", i)], None))
            .ToList();
        held.Release();

        await Task.WhenAll([blocker, .. writes]).WithTimeout("the events' commits");

        var read = await Store.ReadEventsAsync(0, 1000, None);
        Assert.Equal(Enumerable.Range(1, 31).Select(i => (long)i), read.Select(e => e.Cursor));
        Assert.Equal(["blocker", .. Enumerable.Range(1, 20).SelectMany(i => Enumerable.Repeat($"c{i}", i % 2 == 0 ? 2 : 1))],
            read.Select(e => e.ConversationId));
    }

    [Fact]
    public async Task A_failed_commit_writes_neither_the_change_nor_its_event_and_the_next_event_takes_the_cursor_back()
    {
        await Store.SaveConversationAsync(Conversation("c0"), [QueuedEvent("c0", 0)], None);
        await FailEventsOfAsync("doomed");

        var failed = Store.SaveConversationAsync(Conversation("doomed"), [QueuedEvent("doomed", 1)], None);

        await Assert.ThrowsAnyAsync<Exception>(() => failed.WithTimeout("the failed commit"));
        Assert.Null(await Store.GetConversationAsync("doomed", None));
        await Store.SaveConversationAsync(Conversation("c2"), [QueuedEvent("c2", 2)], None);
        Assert.Equal([(1L, "c0"), (2L, "c2")], (await Store.ReadEventsAsync(0, 10, None)).Select(e => (e.Cursor, e.ConversationId)));
    }

    [Fact]
    public async Task Events_survive_a_restart_and_cursors_go_on_after_the_last()
    {
        await Store.RecordEventsAsync([QueuedEvent("c1", 0), QueuedEvent("c2", 1)], None);

        await ReopenAsync();
        await Store.RecordEventsAsync([QueuedEvent("c3", 2)], None);

        Assert.Equal([1L, 2L, 3L], (await Store.ReadEventsAsync(0, 10, None)).Select(e => e.Cursor));
    }

    [Fact]
    public async Task A_commit_with_events_wakes_feed_readers()
    {
        var next = Store.EventCommits.Next;

        await Store.SaveConversationAsync(Conversation("c1"), None);
        Assert.False(next.IsCompleted, "a commit without events wakes nobody");
        await Store.RecordEventsAsync([QueuedEvent("c1", 0)], None);

        await next.WithTimeout("the wake-up after the event's commit");
    }

    /// <summary>Makes every later insert of an event of <paramref name="conversationId"/> fail inside its transaction
    /// (a trigger), after the conversation's row went in.</summary>
    protected abstract Task FailEventsOfAsync(string conversationId);

    private static ChatEvent QueuedEvent(string conversationId, int minute) =>
        new(ChatEventKinds.ConversationQueued, T0.AddMinutes(minute)) { ConversationId = conversationId, Department = "general", CustomerId = "u-" + conversationId };
}
