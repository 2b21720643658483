using Grpc.Core;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>One live stream per participant: a newer stream of a customer (resuming) or an agent (signing in again)
/// closes the older one with ABORTED at once; the older one can send nothing more, the newer one gets everything.</summary>
public sealed class OneLiveStreamTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_customer_resuming_on_a_second_stream_closes_the_first_with_aborted()
    {
        using var channel = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello(Unique("Ada"), 1));
        await agent.WaitForAsync(Kind.Ready, "ready");
        using var firstChannel = Wire.Channel(_server);
        await using var first = RawParticipant<CustomerCommand>.Customer(firstChannel);
        await first.SendAsync(Wire.CustomerHello("Bob"));
        var welcome = (await first.WaitForAsync(Kind.Welcome, "welcome")).Welcome;
        await first.WaitForAsync(Kind.Assigned, "assigned");
        await first.SendAsync(Wire.CustomerSend("from the first stream"));
        await first.WaitForAsync(Kind.Ack, "the first stream's ack");

        using var secondChannel = Wire.Channel(_server);
        await using var second = RawParticipant<CustomerCommand>.Customer(secondChannel);
        await second.SendAsync(Wire.CustomerResume(welcome, lastSeq: 0));

        await AssertReplacedAsync(first);
        await Assert.ThrowsAnyAsync<Exception>(() => first.SendAsync(Wire.CustomerSend("from the closed stream")));
        Assert.Equal("from the first stream", (await second.WaitForAsync(Kind.Message, "the replay on the second stream")).Message.Text);
        await agent.SendAsync(Wire.AgentSend("to the second stream", welcome.ConversationId));
        Assert.Equal(2, (await second.WaitForAsync(e => e.Message?.Text == "to the second stream", "the agent's message")).Message.Seq);
        await second.SendAsync(Wire.CustomerSend("from the second stream"));
        Assert.Equal(3, (await second.WaitForAsync(Kind.Ack, "the second stream's ack")).Ack.Seq);
        await agent.WaitForAsync(e => e.Message?.Seq == 3, "the second stream's message at the agent");
        lock (agent.All)
        {
            Assert.Equal(["from the first stream", "from the second stream"],
                agent.All.Where(e => e.EventCase == Kind.Message).Select(e => e.Message.Text));
        }
    }

    [Fact]
    public async Task An_agent_signing_in_on_a_second_stream_closes_the_first_with_aborted()
    {
        var name = Unique("Ada");
        using var firstChannel = Wire.Channel(_server);
        await using var first = RawParticipant<AgentCommand>.Agent(firstChannel);
        await first.SendAsync(Wire.AgentHello(name, 1));
        await first.WaitForAsync(Kind.Ready, "ready");
        using var channel = Wire.Channel(_server);
        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Bob"));
        var conversationId = (await customer.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;
        await first.WaitForAsync(Kind.Assigned, "the first stream's assigned");

        using var secondChannel = Wire.Channel(_server);
        await using var second = RawParticipant<AgentCommand>.Agent(secondChannel);
        await second.SendAsync(Wire.AgentHelloAgain(name, 1, (conversationId, 0)));

        await AssertReplacedAsync(first);
        await Assert.ThrowsAnyAsync<Exception>(() => first.SendAsync(Wire.AgentSend("from the closed stream", conversationId)));
        Assert.Equal(conversationId, (await second.WaitForAsync(Kind.Assigned, "the conversation on the second stream")).Assigned.ConversationId);
        await customer.SendAsync(Wire.CustomerSend("hello?"));
        Assert.Equal((1L, "hello?"), Seen((await second.WaitForAsync(Kind.Message, "the customer's message")).Message));
        await second.SendAsync(Wire.AgentSend("hi", conversationId));
        Assert.Equal((2L, "hi"), Seen((await customer.WaitForAsync(Kind.Message, "the agent's answer")).Message));
        lock (customer.All)
        {
            Assert.DoesNotContain(customer.All, e => e.Message?.From == SenderRole.System);
        }

        await customer.SendAsync(Wire.CustomerEnd());
        await customer.WaitForAsync(Kind.Ended, "the ended");
    }

    private static (long, string) Seen(ChatMessage message) => (message.Seq, message.Text);

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    private static async Task AssertReplacedAsync<TCommand>(RawParticipant<TCommand> older)
    {
        var closed = await Assert.ThrowsAsync<RpcException>(() => older.Completion.WaitAsync(RawParticipant<TCommand>.Timeout));
        Assert.Equal((StatusCode.Aborted, "replaced by a newer connection"), (closed.StatusCode, closed.Status.Detail));
    }
}
