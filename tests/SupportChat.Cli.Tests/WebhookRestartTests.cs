using SupportChat.Cli.Tests.Processes;
using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Server.Tests.Webhooks;

namespace SupportChat.Cli.Tests;

/// <summary>Webhook delivery across a real server process crash: the events stored while the receiver was down are
/// delivered after the restart, from the cursor in the store, in order and without a gap.</summary>
public sealed class WebhookRestartTests
{
    [Fact]
    public async Task Delivery_resumes_after_a_server_crash_from_the_stored_cursor_in_order_with_no_gap()
    {
        await using var receiver = new HookReceiver();
        receiver.Start();
        await using var server = await ServerProcess.StartAsync("general");
        await using (var connection = SupportChatConnection.Create(server.Url))
        {
            await connection.AddWebhookAsync(receiver.Url, ["all"], CancellationToken.None);
            await using (var ada = await connection.StartAgentAsync(new AgentSignIn("Ada", ["general"]), CancellationToken.None))
            {
                Assert.Equal(1L, (await receiver.NextDeliveredAsync("Ada's sign-in")).Cursor);
                await receiver.StopAsync(); // down: what follows is stored but cannot be delivered
                await using var grace = await connection.StartAgentAsync(new AgentSignIn("Grace", ["general"]), CancellationToken.None);
                await grace.LeaveAsync(CancellationToken.None);
            }
        }

        await server.CrashAsync();
        await server.StartAgainAsync();
        receiver.Start();

        await using var after = SupportChatConnection.Create(server.Url);
        var stored = new List<long>();
        await foreach (var e in after.ReadEventsAsync(0, follow: false, CancellationToken.None))
        {
            stored.Add(e.Cursor);
        }

        Assert.True(stored.Count >= 3, $"Ada signed in, Grace signed in and off: {string.Join(",", stored)}");
        var delivered = new List<long> { 1 };
        while (delivered[^1] < stored[^1])
        {
            var next = (await receiver.NextDeliveredAsync($"the delivery after cursor {delivered[^1]}")).Cursor;
            if (next != delivered[^1]) // at least once: the event in flight at the crash may come again
            {
                delivered.Add(next);
            }
        }

        Assert.Equal(stored, delivered);
    }
}
