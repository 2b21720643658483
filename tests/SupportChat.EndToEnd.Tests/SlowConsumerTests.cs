using Grpc.Core;
using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Events;
using SupportChat.Protocol.V1;
using ChatClient = SupportChat.Protocol.V1.SupportChat.SupportChatClient;

namespace SupportChat.EndToEnd.Tests;

/// <summary>A client that stops reading is cut off instead of growing the server's memory, and loses nothing.</summary>
public sealed class SlowConsumerTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartWithAsync(new Dictionary<string, string?>
    {
        ["Chat:OutboundQueueSize"] = "16",
        ["Chat:SendRatePerSecond"] = "100000",
        ["Chat:SendBurst"] = "100000",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_agent_that_does_not_read_is_disconnected_and_gets_everything_when_it_resumes()
    {
        using var channel = Wire.Channel(_server);
        using var silent = new ChatClient(channel).Agent();
        await silent.RequestStream.WriteAsync(Wire.AgentHello("Ada", 1));
        await using var connection = SupportChatConnection.Create(_server.Url);
        await using var bob = await connection.StartCustomerAsync(new CustomerJoin("Bob"), CancellationToken.None);
        var bobEvents = EventProbe.Watch(bob, "Bob");
        var conversation = (await bobEvents.WaitForAsync<ConversationAssigned>()).ConversationId;

        // Big messages fill the unread HTTP/2 window quickly; then the server's queue for Ada fills up.
        var texts = Enumerable.Range(1, 120).Select(i => $"{i:000} " + new string('x', 3990)).ToList();
        foreach (var text in texts)
        {
            await bob.SendAsync(text, CancellationToken.None);
        }

        var cutOff = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await silent.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        // The status waits behind the events already written (the write the client's flow control held up is not
        // cancelled, which would reset the stream as CANCELLED): a client that reads again gets them, then the status.
        Assert.Equal((StatusCode.Unavailable, "the client did not read its events in time; reconnect to resume."),
            (cutOff.StatusCode, cutOff.Status.Detail));

        await using var ada = await connection.StartAgentAsync(new AgentSignIn("Ada", [], 1), CancellationToken.None);
        var adaEvents = EventProbe.Watch(ada, "Ada again");
        await adaEvents.WaitForAsync<MessageReceived>(m => m.Seq == texts.Count);
        Assert.Equal(texts, adaEvents.All<MessageReceived>().Select(m => m.Text));
        Assert.Equal(conversation, adaEvents.All<ConversationAssigned>().Single().ConversationId);
    }
}
