using Microsoft.Data.Sqlite;
using SupportChat.Domain.Conversations;
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
                INSERT INTO conversations VALUES ('c2', 'u-c2', 'Bob Smith', 'general', 1, NULL, NULL, '', {T0.ToUnixTimeMilliseconds()}, NULL, NULL);
                INSERT INTO ratings VALUES ('c2', 5, 'fine', {T0.AddMinutes(1).ToUnixTimeMilliseconds()});
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var read = await Store.GetConversationAsync("c2", None);
        Assert.Equal(Queued("c2") with { Agents = read!.Agents, Rating = new ConversationRating(5, "fine", T0.AddMinutes(1)) }, read);
        Assert.Empty(read.Agents);
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
