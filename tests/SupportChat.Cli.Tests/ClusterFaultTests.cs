using SupportChat.Cli.Tests.Processes;
using static SupportChat.Cli.Tests.FaultTests;

namespace SupportChat.Cli.Tests;

/// <summary>
/// Three real server processes as one cluster on PostgreSQL (each test in a schema of its own). The node holding the
/// agent's stream is killed with SIGKILL mid-conversation; the invariant of a single server must still hold.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterFaultTests(PostgresDatabase database)
{
    [Fact]
    public async Task Killing_the_node_of_the_agents_stream_mid_conversation_loses_nothing_and_the_agent_moves_on_its_own()
    {
        await using var schema = await database.CreateSchemaAsync();
        await using var first = await ServerProcess.StartNodeAsync(schema.ConnectionString, "--agent-grace", "30");
        await using var second = await ServerProcess.StartNodeAsync(schema.ConnectionString, "--agent-grace", "30");
        await using var third = await ServerProcess.StartNodeAsync(schema.ConnectionString, "--agent-grace", "30");
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--json", "--server", $"{first.Url},{second.Url},{third.Url}");
        await agent.WaitForTypeAsync("ready");
        await using var customer = CliProcess.Start("customer", "--name", "Bob", "--json", "--session", NewSessionFile(),
            "--server", $"{second.Url},{third.Url},{first.Url}");
        var conversation = (string)(await customer.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await agent.WaitForTypeAsync("assigned");

        var texts = new List<string>();
        try
        {
            await ChatAsync(agent, customer, texts, "before", 10);
            await first.CrashAsync();
            await ChatAsync(agent, customer, texts, "after", 10);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\ncustomer:\n{string.Join('\n', customer.Lines)}\n{customer.Errors}\n"
                + $"first node:\n{first.Log}\nsecond node:\n{second.Log}\nthird node:\n{third.Log}", ex);
        }

        Assert.Contains("reconnected to", agent.Errors, StringComparison.Ordinal);
        AssertSeenOnceInOrder(customer.Lines, texts);
        AssertSeenOnceInOrder(agent.Lines, texts);
        Assert.Equal(texts, await TranscriptAsync(second, conversation));
        Assert.Equal(texts, await TranscriptAsync(third, conversation));
    }

    /// <summary>Turn by turn, each message seen by both sides before the next is sent, so the order is known.</summary>
    private static async Task ChatAsync(CliProcess agent, CliProcess customer, List<string> texts, string phase, int rounds)
    {
        for (var i = 1; i <= rounds; i++)
        {
            foreach (var (from, name) in new[] { (customer, "customer"), (agent, "agent") })
            {
                var text = $"{phase} {name} {i}";
                await from.SendAsync(Send(text));
                await agent.WaitForJsonAsync(o => IsMessage(o, text), $"'{text}' at the agent");
                await customer.WaitForJsonAsync(o => IsMessage(o, text), $"'{text}' at the customer");
                texts.Add(text);
            }
        }
    }
}
