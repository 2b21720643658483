using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using SupportChat.Storage.Postgres;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

/// <summary>The PostgreSQL history against a real server, each test in a schema of its own; two store instances on
/// one schema stand for two cluster nodes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresChatStoreTests(PostgresDatabase database) : ChatStoreTests
{
    private TempSchema _schema = null!;

    [Fact]
    public async Task Two_nodes_writing_the_same_seq_store_it_once_and_the_loser_hears_of_a_conflict()
    {
        await using var other = await OpenAsync();
        await Store.SaveConversationAsync(Conversation("c1"), None);

        var results = await Task.WhenAll(
            Outcome(Store.AppendOneAsync(Message("c1", 1, "from-first"), None)),
            Outcome(other.AppendOneAsync(Message("c1", 1, "from-second"), None)));

        Assert.Single(results, stored => stored);
        Assert.Single(await other.GetMessagesAsync("c1", 0, None));
    }

    [Fact]
    public async Task Two_nodes_writing_overlapping_units_at_once_store_one_unit_whole_and_nothing_of_the_other()
    {
        // The loser's insert waits for the winner's transaction on the shared seqs and skips them after its commit; the
        // loser's rows past them went in meanwhile, and must not outlive its transaction.
        await using var other = await OpenAsync();
        const int Conversations = 20;
        var races = new List<(StoredMessage[] Short, StoredMessage[] Long, Task<bool[]> Outcomes)>();
        for (var c = 0; c < Conversations; c++)
        {
            await Store.SaveConversationAsync(Conversation($"c{c}"), None);
            StoredMessage[] shortUnit = [Message($"c{c}", 1, "a1"), Message($"c{c}", 2, "a2")];
            StoredMessage[] longUnit = [.. Enumerable.Range(1, 4).Select(seq => Message($"c{c}", seq, $"b{seq}", senderId: "another-node"))];
            races.Add((shortUnit, longUnit, Task.WhenAll(Outcome(Store.AppendAsync(shortUnit, None)), Outcome(other.AppendAsync(longUnit, None)))));
        }

        foreach (var (shortUnit, longUnit, outcomes) in races)
        {
            var stored = await outcomes.WithTimeout("both nodes' outcomes");
            var shortStored = stored[0];
            Assert.True(stored[0] ^ stored[1], "exactly one of the two units is stored");
            Assert.Equal(shortStored ? shortUnit : longUnit, await Store.GetMessagesAsync(shortUnit[0].ConversationId, 0, None));
        }
    }

    [Fact]
    public async Task Concurrent_appends_from_two_nodes_are_all_stored_once_in_group_commits()
    {
        await using var other = await OpenAsync();
        await Store.SaveConversationAsync(Conversation("c1"), None);
        await Store.SaveConversationAsync(Conversation("c2"), None);
        var before = Store.CommitCount;

        await Task.WhenAll(Enumerable.Range(1, 300).SelectMany(i => new[]
        {
            Store.AppendOneAsync(Message("c1", i, "a" + i), None),
            other.AppendOneAsync(Message("c2", i, "b" + i), None),
        }));

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), (await other.GetMessagesAsync("c1", 0, None)).Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), (await Store.GetMessagesAsync("c2", 0, None)).Select(m => m.Seq));
        Assert.InRange(Store.CommitCount - before, 1, 300);
    }

    [Fact]
    public async Task Many_nodes_starting_at_once_create_the_schema_once()
    {
        var stores = Enumerable.Range(0, 6).Select(_ => CreateStore()).ToList();

        await Task.WhenAll(stores.Select(s => s.InitializeAsync(None)));

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.Empty(await Store.ListConversationsAsync(0, None));
    }

    [Fact]
    public async Task Rows_keep_the_stored_format_times_as_timestamptz_and_agents_as_a_text_array()
    {
        // Databases written by earlier versions must keep working: this is the format they hold.
        await Store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), None);
        await Store.AppendOneAsync(Message("c1", 1, "a"), None);

        await using (var select = _schema.DataSource.CreateCommand(
            "SELECT c.agents, c.started_at, c.ended_at, m.sent_at FROM conversations c JOIN messages m ON m.conversation_id = c.id"))
        {
            await using var row = await select.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.Equal(["Ada Lovelace", "Grace Hopper"], row.GetFieldValue<string[]>(0));
            Assert.Equal([T0, T0.AddMinutes(5), T0.AddSeconds(1)], [row.GetFieldValue<DateTimeOffset>(1), row.GetFieldValue<DateTimeOffset>(2),
                row.GetFieldValue<DateTimeOffset>(3)]);
        }

        await using (var insert = _schema.DataSource.CreateCommand("""
            INSERT INTO conversations VALUES ('c2', 'u-c2', 'Bob Smith', 'general', 1, NULL, NULL, '{}', '2026-11-24T09:00:00Z', NULL, NULL);
            INSERT INTO ratings VALUES ('c2', 5, 'fine', '2026-11-24T09:01:00Z');
            """))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var read = await Store.GetConversationAsync("c2", None);
        Assert.Equal(Queued("c2") with { Agents = read!.Agents, Rating = new ConversationRating(5, "fine", T0.AddMinutes(1)) }, read);
        Assert.Empty(read.Agents);
    }

    [Fact]
    public async Task A_reader_following_the_feed_while_two_nodes_commit_concurrently_sees_every_cursor_once_in_order()
    {
        // Commits become visible in cursor order (the counter row serialises them), so a reader that goes on from the
        // last cursor it saw never passes one that shows up later: each read continues exactly at last + 1.
        await using var other = await OpenAsync();
        const int PerWriter = 150;
        var writers = new[] { Store, other }.SelectMany((store, node) => Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var e = new ChatEvent(ChatEventKinds.AgentStatusChanged, T0) { AgentId = $"n{node}-w{w}", Reason = $"{i}" };
                if (i % 3 == 0)
                {
                    await store.SaveConversationAsync(Conversation($"n{node}-w{w}-{i}"), [e, e with { Status = "second" }], None);
                }
                else
                {
                    await store.RecordEventsAsync([e], None);
                }
            }
        }))).ToList();
        const int Expected = 6 * (PerWriter + PerWriter / 3);
        var writing = Task.WhenAll(writers);

        long last = 0;
        while (last < Expected)
        {
            var done = writing.IsCompleted;
            foreach (var e in await Store.ReadEventsAsync(last, 50, None))
            {
                Assert.Equal(last + 1, e.Cursor);
                last = e.Cursor;
            }

            if (done && last < Expected)
            {
                await writing; // surfaces a writer's failure rather than spinning
                Assert.Fail($"the writers finished but the feed ends at {last} of {Expected}");
            }
        }

        await writing.WithTimeout("the writers");
        Assert.Equal(Expected, last);
    }

    protected override async Task FailEventsOfAsync(string conversationId)
    {
        await using var create = _schema.DataSource.CreateCommand($"""
            CREATE FUNCTION fail_events() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'injected: the event insert failed'; END $$;
            CREATE TRIGGER fail_events BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.conversation_id = '{conversationId}') EXECUTE FUNCTION fail_events();
            """);
        await create.ExecuteNonQueryAsync();
    }

    protected override async Task CreateDatabaseAsync() => _schema = await database.CreateSchemaAsync();

    protected override async Task DropDatabaseAsync() => await _schema.DisposeAsync();

    protected override DbChatStore CreateStore() => new PostgresChatStore(_schema.DataSource);

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
