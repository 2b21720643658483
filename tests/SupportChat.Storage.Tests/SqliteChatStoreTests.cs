using SupportChat.Domain.Conversations;
using SupportChat.Domain.Persistence;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

public sealed class SqliteChatStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Appended_messages_read_back_in_seq_order_after_a_cursor()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SaveConversationAsync(Conversation("c1"), None);
        foreach (var seq in new long[] { 1, 2, 3, 4 })
        {
            await temp.Store.AppendOneAsync(Message("c1", seq, "m" + seq), None);
        }

        var after2 = await temp.Store.GetMessagesAsync("c1", 2, None);

        Assert.Equal([3L, 4L], after2.Select(m => m.Seq));
        Assert.Equal(Message("c1", 3, "m3") with { MessageId = after2[0].MessageId }, after2[0]);
    }

    [Fact]
    public async Task A_send_stored_before_but_unheard_of_is_a_conflict_and_the_store_shows_the_original()
    {
        // The conversation retries a send whose commit it heard nothing of under the same seq: the store refuses it,
        // and reading after the conversation's last known seq gives the original back.
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SaveConversationAsync(Conversation("c1"), None);
        var original = await temp.Store.AppendOneAsync(Message("c1", 1, "same"), None);

        await Assert.ThrowsAsync<StoreConflictException>(() => temp.Store.AppendOneAsync(Message("c1", 1, "same"), None));

        Assert.Equal([original], await temp.Store.GetMessagesAsync("c1", 0, None));
    }

    [Fact]
    public async Task A_taken_seq_is_a_conflict_and_does_not_spoil_its_batch()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SaveConversationAsync(Conversation("c1"), None);
        await temp.Store.AppendOneAsync(Message("c1", 1, "a"), None);

        var conflict = temp.Store.AppendOneAsync(Message("c1", 1, "b"), None);
        var fine = temp.Store.AppendOneAsync(Message("c1", 2, "c"), None);

        await Assert.ThrowsAsync<StoreConflictException>(() => conflict);
        Assert.Equal(2, (await fine).Seq);
        Assert.Equal([1L, 2L], (await temp.Store.GetMessagesAsync("c1", 0, None)).Select(m => m.Seq));
    }

    [Fact]
    public async Task Concurrent_appends_are_all_stored_once_in_fewer_or_equal_commits()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SaveConversationAsync(Conversation("c1"), None);
        var before = temp.Store.CommitCount;

        await Task.WhenAll(Enumerable.Range(1, 300).Select(i => temp.Store.AppendOneAsync(Message("c1", i, "m" + i), None)));

        var stored = await temp.Store.GetMessagesAsync("c1", 0, None);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.InRange(temp.Store.CommitCount - before, 1, 300);
    }

    [Fact]
    public async Task Everything_survives_closing_and_reopening_the_file()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), None);
        await temp.Store.AppendOneAsync(Message("c1", 1, "a"), None);

        await temp.ReopenAsync();

        var conversation = await temp.Store.GetConversationAsync("c1", None);
        Assert.Equal(Conversation("c1", status: ConversationStatus.Ended) with { MessageCount = 1, Agents = conversation!.Agents }, conversation);
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], conversation.Agents);
        Assert.Single(await temp.Store.GetMessagesAsync("c1", 0, None));
    }

    [Fact]
    public async Task Saving_a_conversation_again_updates_it()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SaveConversationAsync(Conversation("c1"), None);

        await temp.Store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), None);

        var conversation = await temp.Store.GetConversationAsync("c1", None);
        Assert.Equal(ConversationStatus.Ended, conversation!.Status);
        Assert.Equal(EndedBy.Customer, conversation.EndedBy);
        Assert.Null(await temp.Store.GetConversationAsync("missing", None));
    }

    [Fact]
    public async Task Lists_are_newest_first_with_counts_and_open_ones_oldest_first()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.SaveConversationAsync(Conversation("c1", minute: 1), None);
        await temp.Store.SaveConversationAsync(Conversation("c2", minute: 2, status: ConversationStatus.Ended), None);
        await temp.Store.SaveConversationAsync(Conversation("c3", minute: 3, status: ConversationStatus.Queued), None);
        await temp.Store.AppendOneAsync(Message("c2", 1, "a"), None);
        await temp.Store.AppendOneAsync(Message("c2", 2, "b"), None);

        var all = await temp.Store.ListConversationsAsync(0, None);
        var two = await temp.Store.ListConversationsAsync(2, None);
        var open = await temp.Store.ListOpenConversationsAsync(None);

        Assert.Equal(["c3", "c2", "c1"], all.Select(c => c.Id));
        Assert.Equal([0L, 2L, 0L], all.Select(c => c.MessageCount));
        Assert.Equal(["c3", "c2"], two.Select(c => c.Id));
        Assert.Equal(["c1", "c3"], open.Select(c => c.Id));
    }
}
