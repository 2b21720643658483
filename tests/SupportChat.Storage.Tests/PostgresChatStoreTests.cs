using SupportChat.Domain.Conversations;
using SupportChat.Domain.Persistence;
using SupportChat.Storage.Postgres;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

/// <summary>The PostgreSQL history against a real server, each test in a schema of its own; two store instances on
/// one schema stand for two cluster nodes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresChatStoreTests(PostgresDatabase database) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TempSchema _schema = null!;
    private PostgresChatStore _store = null!;

    public async Task InitializeAsync()
    {
        _schema = await database.CreateSchemaAsync();
        _store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task Appended_messages_read_back_whole_in_seq_order_after_a_cursor()
    {
        await _store.SaveConversationAsync(Conversation("c1"), None);
        foreach (var seq in new long[] { 1, 2, 3, 4 })
        {
            await _store.AppendOneAsync(Message("c1", seq, "m" + seq), None);
        }

        var after2 = await _store.GetMessagesAsync("c1", 2, None);

        Assert.Equal([3L, 4L], after2.Select(m => m.Seq));
        Assert.Equal(Message("c1", 3, "m3") with { MessageId = after2[0].MessageId }, after2[0]);
    }

    [Fact]
    public async Task A_taken_seq_is_a_conflict_and_does_not_spoil_its_batch()
    {
        await _store.SaveConversationAsync(Conversation("c1"), None);
        var original = await _store.AppendOneAsync(Message("c1", 1, "a"), None);

        var conflict = _store.AppendOneAsync(Message("c1", 1, "b"), None);
        var fine = _store.AppendOneAsync(Message("c1", 2, "c"), None);

        await Assert.ThrowsAsync<StoreConflictException>(() => conflict);
        Assert.Equal(2, (await fine).Seq);
        var stored = await _store.GetMessagesAsync("c1", 0, None);
        Assert.Equal([1L, 2L], stored.Select(m => m.Seq));
        Assert.Equal(original, stored[0]);
    }

    [Fact]
    public async Task Two_nodes_writing_the_same_seq_store_it_once_and_the_loser_hears_of_a_conflict()
    {
        await using var other = await OpenAsync();
        await _store.SaveConversationAsync(Conversation("c1"), None);

        var results = await Task.WhenAll(
            Outcome(_store.AppendOneAsync(Message("c1", 1, "from-first"), None)),
            Outcome(other.AppendOneAsync(Message("c1", 1, "from-second"), None)));

        Assert.Single(results, stored => stored);
        Assert.Single(await other.GetMessagesAsync("c1", 0, None));
    }

    [Fact]
    public async Task Concurrent_appends_from_two_nodes_are_all_stored_once_in_group_commits()
    {
        await using var other = await OpenAsync();
        await _store.SaveConversationAsync(Conversation("c1"), None);
        await _store.SaveConversationAsync(Conversation("c2"), None);
        var before = _store.CommitCount;

        await Task.WhenAll(Enumerable.Range(1, 300).SelectMany(i => new[]
        {
            _store.AppendOneAsync(Message("c1", i, "a" + i), None),
            other.AppendOneAsync(Message("c2", i, "b" + i), None),
        }));

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), (await other.GetMessagesAsync("c1", 0, None)).Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), (await _store.GetMessagesAsync("c2", 0, None)).Select(m => m.Seq));
        Assert.InRange(_store.CommitCount - before, 1, 300);
    }

    [Fact]
    public async Task A_conversation_reads_back_whole_and_saving_it_again_updates_it()
    {
        await _store.SaveConversationAsync(Conversation("c1"), None);
        await _store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), None);
        await _store.AppendOneAsync(Message("c1", 1, "a"), None);
        var rating = new ConversationRating(4, "quick and kind", T0.AddMinutes(9));
        await _store.RateAsync("c1", rating, None);

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
        await _store.SaveConversationAsync(Conversation("c1", minute: 1), None);
        await _store.SaveConversationAsync(Conversation("c2", minute: 2, status: ConversationStatus.Ended), None);
        await _store.SaveConversationAsync(Conversation("c3", minute: 3, status: ConversationStatus.Queued), None);
        await _store.AppendOneAsync(Message("c2", 1, "a"), None);
        await _store.AppendOneAsync(Message("c2", 2, "b"), None);

        var all = await _store.ListConversationsAsync(0, None);
        var two = await _store.ListConversationsAsync(2, None);
        var open = await _store.ListOpenConversationsAsync(None);

        Assert.Equal(["c3", "c2", "c1"], all.Select(c => c.Id));
        Assert.Equal([0L, 2L, 0L], all.Select(c => c.MessageCount));
        Assert.Equal(["c3", "c2"], two.Select(c => c.Id));
        Assert.Equal(["c1", "c3"], open.Select(c => c.Id));
    }

    [Fact]
    public async Task Many_nodes_starting_at_once_create_the_schema_once()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgresChatStore(_schema.DataSource)).ToList();

        await Task.WhenAll(stores.Select(s => s.InitializeAsync(None)));

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.Empty(await _store.ListConversationsAsync(0, None));
    }

    private async Task<PostgresChatStore> OpenAsync()
    {
        var store = new PostgresChatStore(_schema.DataSource);
        await store.InitializeAsync(None);
        return store;
    }

    private static async Task<bool> Outcome(Task append)
    {
        try
        {
            await append;
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }
}
