using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>A change made through one cluster node reaches an agent signed in on another: the change goes through the one
/// canned-replies grain, which tells every node.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterCannedTests(PostgresDatabase database)
{
    [Fact]
    public async Task A_reply_added_and_removed_on_one_node_reaches_an_agent_on_the_other()
    {
        await using var schema = await database.CreateSchemaAsync();
        await using var first = await ServerProcess.StartNodeAsync(schema.ConnectionString);
        await using var second = await ServerProcess.StartNodeAsync(schema.ConnectionString);
        await using var ada = CliProcess.Start("agent", "--name", "Ada", "--json", "--server", second.Url);
        var (ready, at) = await ada.WaitForTypeAsync("ready");
        Assert.Empty(CannedCommandTests.Replies(ready));

        await using (var add = CliProcess.Start("canned", "add", "hello", "Hi {customer}", "--server", first.Url))
        {
            Assert.Equal(0, await add.WaitForExitAsync());
        }

        var (added, next) = await ada.WaitForTypeAsync("canned", at + 1);
        Assert.Equal([("hello", "Hi {customer}")], CannedCommandTests.Replies(added));

        await using (var remove = CliProcess.Start("canned", "remove", "hello", "--server", first.Url))
        {
            Assert.Equal(0, await remove.WaitForExitAsync());
        }

        var (removed, _) = await ada.WaitForTypeAsync("canned", next + 1);
        Assert.Empty(CannedCommandTests.Replies(removed));
    }
}
