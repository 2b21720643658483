using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

/// <summary>
/// What both history stores promise, run against each on a real database of the test's own
/// (<see cref="SqliteChatStoreTests"/>, <see cref="PostgresChatStoreTests"/>). Tests that need writes to share one group
/// commit hold the writer inside a first commit (<see cref="CommitGate"/>) while they make them.
/// </summary>
public abstract partial class ChatStoreTests : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;

    protected DbChatStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await DropDatabaseAsync();
    }

    [Fact]
    public async Task AppendAsync_UnitOfSeveralMessages_ReadsBackEqualAndInOrder()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        var unit = Unit("c1", 1, 2, 3, 4, 5);

        await Store.AppendAsync(unit, None);

        Assert.Equal(unit, await Store.GetMessagesAsync("c1", 0, None));
        Assert.Equal(5, (await Store.GetConversationAsync("c1", None))!.MessageCount);
    }

    [Fact]
    public async Task AppendAsync_TakenSeqInAGroupCommit_FailsOnlyItsUnit()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        await Store.SaveConversationAsync(Conversation("c2"), None);
        var original = await Store.AppendOneAsync(Message("c1", 1, "original"), None);
        var gate = HoldFirstCommit();
        var blocker = Store.SaveConversationAsync(Conversation("c3"), None);
        var held = await gate.NextAsync("the commit that holds the writer");

        StoredMessage[] retried = [Message("c1", 1, "retried")];
        var next = Unit("c1", 2, 3);
        var other = Unit("c2", 1, 2, 3);
        var conflicting = Store.AppendAsync(retried, None);
        var fine = Task.WhenAll(Store.AppendAsync(next, None), Store.AppendAsync(other, None));
        held.Release();

        await Assert.ThrowsAsync<StoreConflictException>(() => conflicting.WithTimeout("the conflicting unit's failure"));
        await Task.WhenAll(blocker, fine).WithTimeout("the other units' acknowledgements");
        Assert.Equal([retried, next, other], gate.Batches[1].Cast<PendingAppend>().Select(a => a.Messages));
        Assert.Equal([original, .. next], await Store.GetMessagesAsync("c1", 0, None));
        Assert.Equal(other, await Store.GetMessagesAsync("c2", 0, None));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentUnitsOfManyConversations_LandOnceInFewerCommitsThanUnits()
    {
        const int Conversations = 40, UnitsEach = 5, PerUnit = 4;
        for (var c = 0; c < Conversations; c++)
        {
            await Store.SaveConversationAsync(Conversation($"c{c}"), None);
        }

        var gate = HoldFirstCommit();
        var before = Store.CommitCount;
        var blocker = Store.SaveConversationAsync(Conversation("blocker"), None);
        var held = await gate.NextAsync("the commit that holds the writer");

        // One task per conversation queues all its units at once, in seq order; with the writer held they all wait for
        // the same next commit.
        var units = Enumerable.Range(0, Conversations)
            .Select(c => Enumerable.Range(0, UnitsEach).Select(u => Unit($"c{c}", [.. Seqs(from: 1 + u * PerUnit, PerUnit)])).ToArray())
            .ToArray();
        var queuing = await Task.WhenAll(units.Select(ofOne => Task.Run(() => ofOne.Select(unit => Store.AppendAsync(unit, None)).ToArray())))
            .WithTimeout("the units to be queued");
        held.Release();
        await Task.WhenAll(queuing.SelectMany(appends => appends).Append(blocker)).WithTimeout("every unit's acknowledgement");

        for (var c = 0; c < Conversations; c++)
        {
            Assert.Equal(units[c].SelectMany(unit => unit), await Store.GetMessagesAsync($"c{c}", 0, None));
        }

        Assert.InRange(Store.CommitCount - before, 2, Conversations * UnitsEach - 1);

        static IEnumerable<long> Seqs(int from, int count) => Enumerable.Range(from, count).Select(s => (long)s);
    }

    [Fact]
    public async Task Appended_messages_read_back_in_seq_order_after_a_cursor()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        foreach (var seq in new long[] { 1, 2, 3, 4 })
        {
            await Store.AppendOneAsync(Message("c1", seq, "m" + seq), None);
        }

        var after2 = await Store.GetMessagesAsync("c1", 2, None);

        Assert.Equal([3L, 4L], after2.Select(m => m.Seq));
        Assert.Equal(Message("c1", 3, "m3") with { MessageId = after2[0].MessageId }, after2[0]);
    }

    [Fact]
    public async Task A_send_stored_before_but_unheard_of_is_a_conflict_and_the_store_shows_the_original()
    {
        // The conversation retries a send whose commit it heard nothing of under the same seq: the store refuses it,
        // and reading after the conversation's last known seq gives the original back.
        await Store.SaveConversationAsync(Conversation("c1"), None);
        var original = await Store.AppendOneAsync(Message("c1", 1, "same"), None);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.AppendOneAsync(Message("c1", 1, "same"), None));

        Assert.Equal([original], await Store.GetMessagesAsync("c1", 0, None));
    }

    [Fact]
    public async Task A_taken_seq_is_a_conflict_and_does_not_spoil_its_batch()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        var original = await Store.AppendOneAsync(Message("c1", 1, "a"), None);

        var conflict = Store.AppendOneAsync(Message("c1", 1, "b"), None);
        var fine = Store.AppendOneAsync(Message("c1", 2, "c"), None);

        await Assert.ThrowsAsync<StoreConflictException>(() => conflict);
        Assert.Equal(2, (await fine).Seq);
        var stored = await Store.GetMessagesAsync("c1", 0, None);
        Assert.Equal([1L, 2L], stored.Select(m => m.Seq));
        Assert.Equal(original, stored[0]);
    }

    [Fact]
    public async Task Concurrent_appends_are_all_stored_once_in_fewer_or_equal_commits()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        var before = Store.CommitCount;

        await Task.WhenAll(Enumerable.Range(1, 300).Select(i => Store.AppendOneAsync(Message("c1", i, "m" + i), None)));

        var stored = await Store.GetMessagesAsync("c1", 0, None);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.InRange(Store.CommitCount - before, 1, 300);
    }

    [Fact]
    public async Task Everything_survives_closing_and_reopening_the_store()
    {
        await Store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), None);
        await Store.AppendOneAsync(Message("c1", 1, "a"), None);

        await ReopenAsync();

        var conversation = await Store.GetConversationAsync("c1", None);
        Assert.Equal(Conversation("c1", status: ConversationStatus.Ended) with { MessageCount = 1, Agents = conversation!.Agents }, conversation);
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], conversation.Agents);
        Assert.Single(await Store.GetMessagesAsync("c1", 0, None));
    }

    [Fact]
    public async Task A_customer_email_is_kept_with_its_conversation_and_is_null_when_none_was_given()
    {
        await Store.SaveConversationAsync(Conversation("c1") with { CustomerEmail = "bob@example.com" }, None);
        await Store.SaveConversationAsync(Conversation("c2"), None);

        await ReopenAsync();

        Assert.Equal("bob@example.com", (await Store.GetConversationAsync("c1", None))!.CustomerEmail);
        Assert.Null((await Store.GetConversationAsync("c2", None))!.CustomerEmail);
        Assert.Equal("bob@example.com", (await Store.ListConversationsAsync(0, None)).Single(c => c.Id == "c1").CustomerEmail);
    }

    [Fact]
    public async Task Saving_a_conversation_again_updates_it()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);

        await Store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), None);

        var conversation = await Store.GetConversationAsync("c1", None);
        Assert.Equal(ConversationStatus.Ended, conversation!.Status);
        Assert.Equal(EndedBy.Customer, conversation.EndedBy);
        Assert.Null(await Store.GetConversationAsync("missing", None));
    }

    [Fact]
    public async Task A_conversation_reads_back_whole_with_its_rating_from_another_store_instance()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        await Store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), None);
        await Store.AppendOneAsync(Message("c1", 1, "a"), None);
        await Store.RateAsync("c1", new ConversationRating(2, "slow", T0.AddMinutes(8)), None);
        var rating = new ConversationRating(4, "quick and kind", T0.AddMinutes(9));
        await Store.RateAsync("c1", rating, None);

        await using var reopened = await OpenAsync();
        var conversation = await reopened.GetConversationAsync("c1", None);

        Assert.Equal(Conversation("c1", status: ConversationStatus.Ended) with { MessageCount = 1, Agents = conversation!.Agents, Rating = rating },
            conversation);
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], conversation.Agents);
        Assert.Null(await reopened.GetConversationAsync("missing", None));
    }

    [Fact]
    public async Task Lists_are_newest_first_with_counts_and_open_ones_oldest_first()
    {
        await Store.SaveConversationAsync(Conversation("c1", minute: 1), None);
        await Store.SaveConversationAsync(Conversation("c2", minute: 2, status: ConversationStatus.Ended), None);
        await Store.SaveConversationAsync(Conversation("c3", minute: 3, status: ConversationStatus.Queued), None);
        await Store.AppendOneAsync(Message("c2", 1, "a"), None);
        await Store.AppendOneAsync(Message("c2", 2, "b"), None);

        var all = await Store.ListConversationsAsync(0, None);
        var two = await Store.ListConversationsAsync(2, None);
        var open = await Store.ListOpenConversationsAsync(None);

        Assert.Equal(["c3", "c2", "c1"], all.Select(c => c.Id));
        Assert.Equal([0L, 2L, 0L], all.Select(c => c.MessageCount));
        Assert.Equal(["c3", "c2"], two.Select(c => c.Id));
        Assert.Equal(["c1", "c3"], open.Select(c => c.Id));
    }

    [Fact]
    public async Task Writes_before_initializing_are_refused_and_after_disposing_too()
    {
        var fresh = CreateStore();
        await Assert.ThrowsAsync<InvalidOperationException>(() => fresh.AppendOneAsync(Message("c1", 1, "a"), None));
        await fresh.InitializeAsync(None);
        await fresh.InitializeAsync(None);
        await fresh.SaveConversationAsync(Conversation("c1"), None);

        await fresh.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => fresh.AppendOneAsync(Message("c1", 1, "a"), None));
        Assert.NotNull(await Store.GetConversationAsync("c1", None));
    }

    /// <summary>A fresh, empty database for this test alone.</summary>
    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    /// <summary>Another store over this test's database (a restarted server, or another node), not yet initialized.</summary>
    protected abstract DbChatStore CreateStore();

    protected async Task<DbChatStore> OpenAsync()
    {
        var store = CreateStore();
        await store.InitializeAsync(None);
        return store;
    }

    /// <summary>Closes the store and opens it again, as a server restart would.</summary>
    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync();
    }

    /// <summary>Holds the store's next commit at the gate until the test releases it; later commits go straight on.</summary>
    private CommitGate HoldFirstCommit()
    {
        var gate = new CommitGate(hold: 1);
        Store.CommitStarting = gate.Commit;
        return gate;
    }
}
