using Grpc.Core;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests.Browser;

/// <summary>A customer on the browser API (gRPC-Web over HTTP/1.1 on the web listener) chats with an agent on a bidi
/// stream: the same seqs, acks, idempotency, resume and send rate as a bidi customer.</summary>
public sealed class BrowserChatTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await WebServer.StartAsync(new Dictionary<string, string?>
    {
        ["Chat:SendBurst"] = "6",
        ["Chat:SendRatePerSecond"] = "0.1",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_browser_customer_is_queued_assigned_to_a_bidi_agent_and_they_chat_both_ways()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        await using var bob = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob", Email = "bob@example.com" });
        Assert.NotEmpty(bob.Welcome.StreamId);
        Assert.Equal("general", (await bob.WaitForAsync(Kind.Queued, "queued")).Queued.Department);

        using var grpc = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(grpc);
        await agent.SendAsync(Wire.AgentHello("Ada", 2));
        var assigned = (await agent.WaitForAsync(Kind.Assigned, "the agent's assigned")).Assigned;
        Assert.Equal(("Bob", "bob@example.com"), (assigned.CustomerName, assigned.CustomerEmail));
        Assert.Equal("Ada", (await bob.WaitForAsync(Kind.Assigned, "the customer's assigned")).Assigned.AgentName);

        var ack = await bob.SendAsync("hello from the browser", "m-1");
        Assert.Equal((1L, "m-1"), (ack.Seq, ack.ClientMsgId));
        Assert.Equal(1, (await bob.WaitForAsync(Kind.Ack, "the ack on Events too")).Ack.Seq);
        Assert.Equal("hello from the browser", (await agent.WaitForAsync(Kind.Message, "the customer's message")).Message.Text);

        await agent.SendAsync(Wire.AgentSend("hi Bob", assigned.ConversationId));
        var answer = (await bob.WaitForAsync(Kind.Message, "the agent's message")).Message;
        Assert.Equal((2L, "hi Bob"), (answer.Seq, answer.Text));

        await bob.Client.TypingAsync(new BrowserTyping { Session = bob.Session, Typing = new Typing() });
        Assert.Equal("Bob", (await agent.WaitForAsync(Kind.Typing, "the typing notice")).Typing.Name);
        await bob.Client.ReadAsync(new BrowserRead { Session = bob.Session, Read = new MarkRead { Seq = 2 } });
        Assert.Equal(2, (await agent.WaitForAsync(Kind.Read, "the read notice")).Read.Seq);
        var outOfRange = await Assert.ThrowsAsync<RpcException>(() =>
            bob.Client.ReadAsync(new BrowserRead { Session = bob.Session, Read = new MarkRead { Seq = 0 } }).ResponseAsync);
        Assert.Equal(StatusCode.OutOfRange, outOfRange.StatusCode);

        var listed = await new History.HistoryClient(grpc).ListConversationsAsync(new ListConversationsRequest());
        Assert.Equal("bob@example.com", listed.Conversations.Single(c => c.ConversationId == assigned.ConversationId).CustomerEmail);
    }

    [Fact]
    public async Task A_retried_send_gets_the_same_ack_and_is_stored_once()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        using var grpc = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(grpc);
        await agent.SendAsync(Wire.AgentHello("Bea", 2));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var bob = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        await bob.WaitForAsync(Kind.Assigned, "assigned");

        var first = await bob.SendAsync("once", "same-id");
        var again = await bob.SendAsync("once", "same-id");
        var next = await bob.SendAsync("twice", "other-id");

        Assert.Equal((first.Seq, first.MessageId), (again.Seq, again.MessageId));
        Assert.Equal(first.Seq + 1, next.Seq);
        await agent.WaitForAsync(e => e.Message?.Text == "twice", "the second message");
        lock (agent.All)
        {
            Assert.Equal(["once", "twice"], agent.All.Where(e => e.EventCase == Kind.Message).Select(e => e.Message.Text));
        }
    }

    [Fact]
    public async Task Resuming_with_a_cursor_replays_only_what_came_after_it()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        using var grpc = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(grpc);
        await agent.SendAsync(Wire.AgentHello("Cy", 2));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var first = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        var conversationId = (await first.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;
        await first.SendAsync("one");
        await agent.SendAsync(Wire.AgentSend("two", conversationId));
        await agent.SendAsync(Wire.AgentSend("three", conversationId));
        await first.WaitForAsync(e => e.Message?.Seq == 3, "message 3");

        await using var resumed = await BrowserCustomerClient.OpenAsync(web, BrowserCustomerClient.Resume(first.Welcome, lastSeq: 2));

        Assert.Equal(conversationId, resumed.Welcome.ConversationId);
        Assert.NotEqual(first.Welcome.StreamId, resumed.Welcome.StreamId);
        Assert.Equal("three", (await resumed.WaitForAsync(Kind.Message, "the replay")).Message.Text);
        Assert.Equal(4, (await resumed.SendAsync("four")).Seq);
        lock (resumed.All)
        {
            Assert.Equal([3L], resumed.All.Where(e => e.EventCase == Kind.Message).Select(e => e.Message.Seq));
        }

        var tooFar = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BrowserCustomerClient.OpenAsync(web, BrowserCustomerClient.Resume(resumed.Welcome, lastSeq: 99)));
        Assert.Equal(StatusCode.OutOfRange, Assert.IsType<RpcException>(tooFar.InnerException).StatusCode);
    }

    [Fact]
    public async Task Sends_over_the_rate_are_refused_and_later_ones_held_back_until_the_refused_one_comes_again()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        await using var bob = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        for (var i = 0; i < 6; i++)
        {
            await bob.SendAsync($"burst {i}");
        }

        var over = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync("one too many", "refused-1"));
        var held = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync("after it", "later-1"));
        var stillOver = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync("one too many", "refused-1"));

        Assert.Equal(StatusCode.ResourceExhausted, over.StatusCode);
        Assert.Contains("retry in", over.Status.Detail);
        Assert.Equal((StatusCode.Unavailable, "held back: resend refused-1 first"), (held.StatusCode, held.Status.Detail));
        Assert.Equal(StatusCode.ResourceExhausted, stillOver.StatusCode);
        lock (bob.All)
        {
            Assert.DoesNotContain(bob.All, e => e.EventCase == Kind.Error); // answered on the calls, not on Events
        }
    }
}
