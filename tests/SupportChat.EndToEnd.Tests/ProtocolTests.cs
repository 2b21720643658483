using Grpc.Core;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>The wire protocol against a real server: what any client in any language can rely on.</summary>
public sealed class ProtocolTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(null, "general", "billing");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Chat_BothDirections_AcksTheSenderAndDeliversToTheOther()
    {
        using var channel = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello("Ada Lovelace", 1));
        var ready = await agent.WaitForAsync(Kind.Ready, "ready");
        Assert.Equal("Ada Lovelace", ready.Ready.Name);

        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Bob Smith"));
        var welcome = await customer.WaitForAsync(Kind.Welcome, "welcome");
        var assigned = await customer.WaitForAsync(Kind.Assigned, "assigned");
        Assert.Equal("Ada Lovelace", assigned.Assigned.AgentName);
        var agentAssigned = await agent.WaitForAsync(Kind.Assigned, "agent's assigned");
        Assert.Equal(welcome.Welcome.ConversationId, agentAssigned.Assigned.ConversationId);
        Assert.Equal("Bob Smith", agentAssigned.Assigned.CustomerName);

        var hello = Wire.CustomerSend("Hi, my printer is on fire");
        await customer.SendAsync(hello);
        var ack = await customer.WaitForAsync(Kind.Ack, "customer's ack");
        Assert.Equal(hello.Send.ClientMsgId, ack.Ack.ClientMsgId);
        Assert.Equal(1, ack.Ack.Seq);
        var atAgent = await agent.WaitForAsync(Kind.Message, "message at the agent");
        Assert.Equal("Hi, my printer is on fire", atAgent.Message.Text);
        Assert.Equal(SenderRole.Customer, atAgent.Message.From);
        Assert.Equal(1, atAgent.Message.Seq);

        await agent.SendAsync(Wire.AgentSend("Have you tried turning it off?"));
        Assert.Equal(2, (await agent.WaitForAsync(Kind.Ack, "agent's ack")).Ack.Seq);
        var atCustomer = await customer.WaitForAsync(Kind.Message, "message at the customer");
        Assert.Equal("Ada Lovelace", atCustomer.Message.SenderName);
        Assert.Equal(2, atCustomer.Message.Seq);
    }

    [Fact]
    public async Task Send_EmptyOrTooLong_GetsInvalidArgumentAndTheChatGoesOn()
    {
        await using var pair = await ChatPair.StartAsync(_server);

        await pair.Customer.SendAsync(Wire.CustomerSend("   "));
        var empty = await pair.Customer.WaitForAsync(Kind.Error, "error for an empty message");
        Assert.Equal("InvalidArgument", empty.Error.Code);

        await pair.Customer.SendAsync(Wire.CustomerSend(new string('x', 4001)));
        var tooLong = await pair.Customer.WaitForAsync(Kind.Error, "error for a long message");
        Assert.Equal("InvalidArgument", tooLong.Error.Code);
        Assert.Contains("4000", tooLong.Error.Message);

        await pair.Customer.SendAsync(Wire.CustomerSend(new string('y', 4000)));
        Assert.Equal(1, (await pair.Customer.WaitForAsync(Kind.Ack, "ack after the errors")).Ack.Seq);
    }

    [Fact]
    public async Task Send_SameClientMsgIdTwice_GetsTheSameAckAndOneMessage()
    {
        await using var pair = await ChatPair.StartAsync(_server);

        await pair.Customer.SendAsync(Wire.CustomerSend("once", "retry-1"));
        var first = await pair.Customer.WaitForAsync(Kind.Ack, "first ack");
        await pair.Customer.SendAsync(Wire.CustomerSend("once", "retry-1"));
        await pair.Customer.SendAsync(Wire.CustomerSend("twice", "retry-2"));
        var third = await pair.Customer.WaitForAsync(e => e.Ack?.ClientMsgId == "retry-2", "ack of the next message");

        Assert.Equal(1, first.Ack.Seq);
        Assert.Equal(2, third.Ack.Seq);
        await pair.Agent.WaitForAsync(e => e.Message?.Seq == 2, "second message at the agent");
        Assert.Equal(2, pair.Agent.All.Count(e => e.EventCase == Kind.Message));
    }

    [Fact]
    public async Task Hello_UnknownDepartment_FailsWithTheValidOnes()
    {
        using var channel = Wire.Channel(_server);
        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Bob", "nowhere"));

        var error = await Assert.ThrowsAsync<RpcException>(() => customer.Completion);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("general, billing", error.Status.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a name that is far too long for anyone to type into a support chat sign-in box, honestly, it goes on and on")]
    [InlineData("Eve\u001b[2J")]
    public async Task Hello_BadName_FailsWithInvalidArgument(string name)
    {
        using var channel = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello(name));

        var error = await Assert.ThrowsAsync<RpcException>(() => agent.Completion);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Send_ToAnotherAgentsConversation_IsPermissionDenied()
    {
        await using var mine = await ChatPair.StartAsync(_server);
        await using var theirs = await ChatPair.StartAsync(_server);

        await mine.Agent.SendAsync(Wire.AgentSend("psst", theirs.ConversationId));
        var error = await mine.Agent.WaitForAsync(Kind.Error, "error for a stranger's conversation");

        Assert.Equal("PermissionDenied", error.Error.Code);
        await theirs.Agent.SendAsync(Wire.AgentSend("hello", theirs.ConversationId));
        var first = await theirs.Customer.WaitForAsync(Kind.Message, "their own agent's message");
        Assert.Equal((1L, "hello"), (first.Message.Seq, first.Message.Text));
    }

    [Fact]
    public async Task Send_ToAConversationThatDoesNotExist_IsRefusedExactlyLikeSomeoneElses()
    {
        await using var mine = await ChatPair.StartAsync(_server);
        await using var theirs = await ChatPair.StartAsync(_server);

        await mine.Agent.SendAsync(Wire.AgentSend("psst", "cnosuchthing"));
        var missing = (await mine.Agent.WaitForAsync(Kind.Error, "error for a missing conversation")).Error;
        await mine.Agent.SendAsync(Wire.AgentSend("psst", theirs.ConversationId));
        var foreign = (await mine.Agent.WaitForAsync(Kind.Error, "error for a stranger's conversation")).Error;

        Assert.Equal(("PermissionDenied", "PermissionDenied"), (missing.Code, foreign.Code));
        Assert.Equal(missing.Message.Replace("cnosuchthing", "ID"), foreign.Message.Replace(theirs.ConversationId, "ID"));
    }

    [Fact]
    public async Task Send_AfterTheConversationEnded_IsFailedPreconditionAndTheStreamStaysOpen()
    {
        await using var pair = await ChatPair.StartAsync(_server);
        await pair.Customer.SendAsync(Wire.CustomerEnd());
        var ended = await pair.Agent.WaitForAsync(Kind.Ended, "ended at the agent");
        Assert.Equal(EndedBy.Customer, ended.Ended.By);

        await pair.Agent.SendAsync(Wire.AgentSend("hello?", pair.ConversationId));
        var error = await pair.Agent.WaitForAsync(Kind.Error, "error after end");

        Assert.Equal("FailedPrecondition", error.Error.Code);
        await pair.Agent.SendAsync(new AgentCommand { Status = new SetStatus { Status = AgentStatus.Away } });
        Assert.Equal(AgentStatus.Away, (await pair.Agent.WaitForAsync(Kind.Ready, "ready after status")).Ready.Status);
    }

    [Fact]
    public async Task Resume_FromACursorPastTheEnd_IsOutOfRange_AndLeavesTheLiveStreamAlone()
    {
        await using var pair = await ChatPair.StartAsync(_server);
        var welcome = (await pair.Customer.WaitForAsync(Kind.Welcome, "welcome")).Welcome;
        await pair.Customer.SendAsync(Wire.CustomerSend("one"));
        await pair.Customer.WaitForAsync(Kind.Ack, "the ack");

        using var channel = Wire.Channel(_server);
        await using var late = RawParticipant<CustomerCommand>.Customer(channel);
        await late.SendAsync(Wire.CustomerResume(welcome, lastSeq: 2));

        var refused = await Assert.ThrowsAsync<RpcException>(() => late.Completion);
        Assert.Equal((StatusCode.OutOfRange, $"cursor 2 is out of range for conversation {welcome.ConversationId}: it must be from 0 to 1 (its last seq)."),
            (refused.StatusCode, refused.Status.Detail));
        await pair.Agent.SendAsync(Wire.AgentSend("still there?", pair.ConversationId));
        Assert.Equal(2, (await pair.Customer.WaitForAsync(Kind.Message, "the message on the stream still live")).Message.Seq);
    }

    [Fact]
    public async Task AgentHello_WithACursorPastItsConversationsEnd_EndsTheStreamOutOfRange()
    {
        using var channel = Wire.Channel(_server);
        var name = $"Ada {Guid.NewGuid():N}"[..12];
        await using var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello(name, 1, "billing"));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Bob", "billing"));
        var conversationId = (await customer.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;

        await using var again = RawParticipant<AgentCommand>.Agent(channel);
        await again.SendAsync(Wire.AgentHelloAgain(name, 1, (conversationId, 5)));

        var refused = await Assert.ThrowsAsync<RpcException>(() => again.Completion);
        Assert.Equal((StatusCode.OutOfRange, $"cursor 5 is out of range for conversation {conversationId}: it must be from 0 to 0 (its last seq)."),
            (refused.StatusCode, refused.Status.Detail));

        // Ended, so that it does not go back to the queue when the agent's grace runs out, in another test's way.
        await customer.SendAsync(Wire.CustomerEnd());
        await customer.WaitForAsync(Kind.Ended, "the ended");
    }

    [Fact]
    public async Task MarkRead_PastTheLastSeq_IsAnOutOfRangeError_NotRelayed_AndTheStreamGoesOn()
    {
        await using var pair = await ChatPair.StartAsync(_server);
        await pair.Agent.SendAsync(Wire.AgentSend("one", pair.ConversationId));
        await pair.Customer.WaitForAsync(Kind.Message, "the message");

        await pair.Customer.SendAsync(new CustomerCommand { Read = new MarkRead { Seq = 5 } });
        var error = (await pair.Customer.WaitForAsync(Kind.Error, "the refusal")).Error;
        await pair.Customer.SendAsync(new CustomerCommand { Read = new MarkRead { Seq = 1 } });

        Assert.Equal(("OutOfRange", $"read seq 5 is out of range for conversation {pair.ConversationId}: it must be from 1 to 1 (its last seq)."),
            (error.Code, error.Message));
        Assert.Equal(1, (await pair.Agent.WaitForAsync(Kind.Read, "the read notice in range")).Read.Seq);
        lock (pair.Agent.All)
        {
            Assert.Single(pair.Agent.All, e => e.EventCase == Kind.Read);
        }
    }

    [Fact]
    public async Task End_ByCustomer_ClosesTheCustomerStreamAfterTheEndedEvent()
    {
        await using var pair = await ChatPair.StartAsync(_server);

        await pair.Customer.SendAsync(Wire.CustomerEnd());

        await pair.Customer.WaitForAsync(Kind.Ended, "ended at the customer");
        await pair.Customer.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
