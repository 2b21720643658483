using Microsoft.Data.Sqlite;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Storage.Sqlite;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

/// <summary>The SQLite history on a real file in a fresh temporary folder, deleted afterwards.</summary>
public sealed class SqliteChatStoreTests : ChatStoreTests
{
    private readonly SqliteStoreOptions _options = new()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "supportchat-store-" + Guid.NewGuid().ToString("N")),
    };

    [Fact]
    public async Task Rows_keep_the_stored_format_times_as_unix_milliseconds_and_agents_one_per_line()
    {
        // Files written by earlier versions must keep working: this is the format they hold.
        await Store.SaveConversationAsync(Conversation("c1", status: ConversationStatus.Ended), None);
        await Store.AppendOneAsync(Message("c1", 1, "a"), None);
        await using var connection = new SqliteConnection(SqliteFile.ConnectionString(_options));
        await connection.OpenAsync();

        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT c.agents, c.started_at, c.ended_at, m.sent_at FROM conversations c JOIN messages m ON m.conversation_id = c.id";
            await using var row = await select.ExecuteReaderAsync();
            Assert.True(await row.ReadAsync());
            Assert.Equal(("Ada Lovelace\nGrace Hopper", T0.ToUnixTimeMilliseconds(), T0.AddMinutes(5).ToUnixTimeMilliseconds(),
                T0.AddSeconds(1).ToUnixTimeMilliseconds()), (row.GetString(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(3)));
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = $"""
                INSERT INTO conversations (id, customer_id, customer_name, department, status, agent_id, agent_name, agents, started_at, ended_at, ended_by)
                VALUES ('c2', 'u-c2', 'Bob Smith', 'general', 1, NULL, NULL, '', {T0.ToUnixTimeMilliseconds()}, NULL, NULL);
                INSERT INTO ratings VALUES ('c2', 5, 'fine', {T0.AddMinutes(1).ToUnixTimeMilliseconds()});
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var read = await Store.GetConversationAsync("c2", None);
        Assert.Equal(Queued("c2") with { Agents = read!.Agents, Rating = new ConversationRating(5, "fine", T0.AddMinutes(1)) }, read);
        Assert.Empty(read.Agents);
    }

    [Fact]
    public async Task A_file_made_before_customer_emails_gets_the_column_when_opened_and_keeps_its_rows()
    {
        var old = new SqliteStoreOptions { DataDirectory = Path.Combine(_options.DataDirectory, "old") };
        Directory.CreateDirectory(old.DataDirectory);
        await using (var connection = new SqliteConnection(SqliteFile.ConnectionString(old)))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"""
                CREATE TABLE conversations (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, customer_name TEXT NOT NULL, department TEXT NOT NULL,
                    status INTEGER NOT NULL, agent_id TEXT NULL, agent_name TEXT NULL, agents TEXT NOT NULL, started_at INTEGER NOT NULL,
                    ended_at INTEGER NULL, ended_by INTEGER NULL);
                INSERT INTO conversations VALUES ('old', 'u-old', 'Bob Smith', 'general', 1, NULL, NULL, '', {T0.ToUnixTimeMilliseconds()}, NULL, NULL);
                """;
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearPool(new SqliteConnection(SqliteFile.ConnectionString(old)));
        await using var store = new SqliteChatStore(old);
        await store.InitializeAsync(None);
        await store.SaveConversationAsync(Conversation("new") with { CustomerEmail = "bob@example.com" }, None);

        Assert.Equal("Bob Smith", (await store.GetConversationAsync("old", None))!.CustomerName);
        Assert.Null((await store.GetConversationAsync("old", None))!.CustomerEmail);
        Assert.Equal("bob@example.com", (await store.GetConversationAsync("new", None))!.CustomerEmail);
        SqliteConnection.ClearPool(new SqliteConnection(SqliteFile.ConnectionString(old)));
    }

    protected override async Task FailEventsOfAsync(string conversationId)
    {
        await using var connection = new SqliteConnection(SqliteFile.ConnectionString(_options));
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = $"CREATE TRIGGER fail_events BEFORE INSERT ON events WHEN NEW.conversation_id = '{conversationId}' " +
            "BEGIN SELECT RAISE(ABORT, 'injected: the event insert failed'); END";
        await create.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_file_made_before_the_event_feed_gets_the_table_when_opened()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        await using (var connection = new SqliteConnection(SqliteFile.ConnectionString(_options)))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE events";
            await drop.ExecuteNonQueryAsync();
        }

        await ReopenAsync();
        await Store.RecordEventsAsync([new ChatEvent(ChatEventKinds.AgentSignedIn, T0) { AgentId = "ada" }], None);

        Assert.Equal(1, Assert.Single(await Store.ReadEventsAsync(0, 10, None)).Cursor);
        Assert.NotNull(await Store.GetConversationAsync("c1", None));
    }

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(SqliteFile.ConnectionString(_options)));
        Directory.Delete(_options.DataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    protected override DbChatStore CreateStore() => new SqliteChatStore(_options);
}
