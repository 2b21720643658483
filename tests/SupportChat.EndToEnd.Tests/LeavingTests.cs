using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>
/// Only the leave commands leave (a customer's EndConversation, an agent's SignOff). A stream that ends any other way
/// (the client closes its side, cancels the call, loses its connection) is a drop: the grace period starts, the customer
/// can resume, the agent keeps its conversations until its grace runs out.
/// </summary>
public sealed class LeavingTests : IAsyncLifetime
{
    private readonly RecordingLoggerProvider _log = new();
    private TestServer _server = null!;

    public enum Ending
    {
        HalfClose,
        Cancel,
        ConnectionLost,
    }

    public async Task InitializeAsync() => _server = await TestServer.StartWithAsync(
        new Dictionary<string, string?>
        {
            ["Chat:AgentGrace"] = "00:00:30",
            ["Chat:CustomerGrace"] = "00:02:00",
            ["Logging:LogLevel:SupportChat"] = "Debug",
        },
        builder => builder.Logging.AddProvider(_log));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(Ending.HalfClose)]
    [InlineData(Ending.Cancel)]
    [InlineData(Ending.ConnectionLost)]
    public async Task A_customer_whose_stream_ends_without_ending_the_conversation_has_dropped_and_resumes_it(Ending ending)
    {
        using var agentChannel = Wire.Channel(_server);
        await using var agent = await SignInAsync(agentChannel, Unique("Ada"));
        await agent.WaitForAsync(Kind.Ready, "ready");
        var customerChannel = Wire.Channel(_server);
        var customer = RawParticipant<CustomerCommand>.Customer(customerChannel);
        await customer.SendAsync(Wire.CustomerHello("Bob"));
        var welcome = (await customer.WaitForAsync(Kind.Welcome, "welcome")).Welcome;
        await customer.WaitForAsync(Kind.Assigned, "assigned");
        await agent.WaitForAsync(Kind.Assigned, "the agent's assigned");
        await customer.SendAsync(Wire.CustomerSend("before"));
        await customer.WaitForAsync(Kind.Ack, "the ack");

        await EndAsync(customer, customerChannel, ending);

        await _log.WaitForAsync(e => e.EventId == 1009 && e.Message.Contains(welcome.ConversationId), "the customer's grace period");
        await agent.SendAsync(Wire.AgentSend("while you were away", welcome.ConversationId));
        Assert.Equal(2, (await agent.WaitForAsync(Kind.Ack, "the agent's ack, the conversation still open")).Ack.Seq);
        using var backChannel = Wire.Channel(_server);
        await using var back = RawParticipant<CustomerCommand>.Customer(backChannel);
        await back.SendAsync(Wire.CustomerResume(welcome, lastSeq: 1));
        Assert.Equal(welcome.ConversationId, (await back.WaitForAsync(Kind.Welcome, "the welcome back")).Welcome.ConversationId);
        var missed = (await back.WaitForAsync(Kind.Message, "the message missed")).Message;
        Assert.Equal((2L, "while you were away"), (missed.Seq, missed.Text));
    }

    [Theory]
    [InlineData(Ending.HalfClose)]
    [InlineData(Ending.Cancel)]
    [InlineData(Ending.ConnectionLost)]
    public async Task An_agent_whose_stream_ends_without_signing_off_has_dropped_and_keeps_its_conversation(Ending ending)
    {
        var name = Unique("Ada");
        var agentChannel = Wire.Channel(_server);
        var agent = await SignInAsync(agentChannel, name);
        var agentId = (await agent.WaitForAsync(Kind.Ready, "ready")).Ready.AgentId;
        using var customerChannel = Wire.Channel(_server);
        await using var customer = RawParticipant<CustomerCommand>.Customer(customerChannel);
        await customer.SendAsync(Wire.CustomerHello("Bob"));
        var conversationId = (await customer.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;
        await customer.SendAsync(Wire.CustomerSend("hello"));
        await agent.WaitForAsync(Kind.Message, "the message at the agent");

        await EndAsync(agent, agentChannel, ending);

        await _log.WaitForAsync(e => e.EventId == 1010 && e.Message.Contains(agentId), "the agent's grace period");
        await customer.SendAsync(Wire.CustomerSend("are you there?"));
        Assert.Equal(2, (await customer.WaitForAsync(e => e.Ack?.Seq == 2, "the ack, the conversation still the agent's")).Ack.Seq);
        using var backChannel = Wire.Channel(_server);
        await using var back = RawParticipant<AgentCommand>.Agent(backChannel);
        await back.SendAsync(Wire.AgentHelloAgain(name, 1, (conversationId, 1)));
        Assert.Equal(conversationId, (await back.WaitForAsync(Kind.Assigned, "the conversation, still the agent's")).Assigned.ConversationId);
        Assert.Equal("are you there?", (await back.WaitForAsync(Kind.Message, "the message missed")).Message.Text);
        await back.SendAsync(Wire.AgentSend("yes", conversationId));
        await customer.WaitForAsync(e => e.Message?.Seq == 3, "the agent's answer");
        lock (customer.All)
        {
            Assert.DoesNotContain(customer.All, e => e.Message?.From == SenderRole.System);
        }

        await EndConversationAsync(customer);
    }

    [Fact]
    public async Task An_agent_that_signs_off_hands_its_conversation_back_at_once_and_its_stream_closes_ok()
    {
        using var channel = Wire.Channel(_server);
        await using var agent = await SignInAsync(channel, Unique("Ada"));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Bob"));
        await customer.WaitForAsync(Kind.Assigned, "assigned");

        await agent.SendAsync(Wire.AgentSignOff());

        await agent.Completion.WaitAsync(RawParticipant<AgentCommand>.Timeout);
        Assert.Equal(StatusCode.OK, agent.FinalStatus.StatusCode);
        var notice = (await customer.WaitForAsync(e => e.Message?.From == SenderRole.System, "the notice that the agent left")).Message;
        Assert.EndsWith("left; you will be connected to another agent.", notice.Text, StringComparison.Ordinal);

        await EndConversationAsync(customer);
    }

    [Fact]
    public async Task A_customer_that_ends_the_conversation_leaves_and_its_stream_closes_ok_after_the_ended()
    {
        using var channel = Wire.Channel(_server);
        await using var agent = await SignInAsync(channel, Unique("Ada"));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Bob"));
        await customer.WaitForAsync(Kind.Assigned, "assigned");

        await customer.SendAsync(Wire.CustomerEnd());

        Assert.Equal(EndedBy.Customer, (await customer.WaitForAsync(Kind.Ended, "the ended")).Ended.By);
        await customer.Completion.WaitAsync(RawParticipant<CustomerCommand>.Timeout);
        Assert.Equal(StatusCode.OK, customer.FinalStatus.StatusCode);
        Assert.Equal(EndedBy.Customer, (await agent.WaitForAsync(Kind.Ended, "the ended at the agent")).Ended.By);
    }

    /// <summary>Ends a test's conversation, so that it does not go back to the queue (when an agent's grace runs out)
    /// in the way of the next test's customer.</summary>
    private static async Task EndConversationAsync(RawParticipant<CustomerCommand> customer)
    {
        await customer.SendAsync(Wire.CustomerEnd());
        await customer.WaitForAsync(Kind.Ended, "the ended");
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    private static async Task<RawParticipant<AgentCommand>> SignInAsync(GrpcChannel channel, string name)
    {
        var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello(name, 1));
        return agent;
    }

    /// <summary>Ends a stream without its leave command, as <paramref name="ending"/> says.</summary>
    private static async Task EndAsync<TCommand>(RawParticipant<TCommand> participant, GrpcChannel channel, Ending ending)
    {
        switch (ending)
        {
            case Ending.HalfClose:
                // The server takes it as a drop and ends the call with OK once it has written what was queued.
                await participant.CompleteAsync();
                await participant.Completion.WaitAsync(RawParticipant<TCommand>.Timeout);
                Assert.Equal(StatusCode.OK, participant.FinalStatus.StatusCode);
                await participant.DisposeAsync();
                break;
            case Ending.Cancel:
                await participant.DisposeAsync();
                break;
            case Ending.ConnectionLost:
                channel.Dispose();
                await participant.DisposeAsync();
                break;
        }

        channel.Dispose();
    }
}
