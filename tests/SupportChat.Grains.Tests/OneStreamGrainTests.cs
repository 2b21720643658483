using SupportChat.Domain;
using SupportChat.Grains.Contracts;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Grains.Tests;

/// <summary>One live stream per participant, told by the grain that knows it (the conversation for its customer, the
/// agent grain for its agent); cursors and read seqs within the conversation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OneStreamGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CustomerResumingOnANewStream_ReplacesTheOlder_WhichIsTold()
    {
        var (agent, customer) = await StartChatAsync();
        var (newer, newerReference) = Observer();

        await customer.Grain.Subscribe(customer.CustomerId, newerReference, 0).Within("the resume");

        await customer.Events.WaitForAsync<Replaced>(what: "the older stream told it was replaced");
        await customer.Grain.Send(agent.Id, "a1", "to the customer").Within("the agent's send");
        Assert.Equal("to the customer", (await newer.WaitForAsync<MessageView>(what: "the message at the newer stream")).Text);
        Assert.DoesNotContain(customer.Events.Drain(), e => e is MessageView);
    }

    [Fact]
    public async Task OlderCustomerStreamRegisteringAgain_DoesNotTakeOver_AndIsToldAgain()
    {
        var (agent, customer) = await StartChatAsync();
        var (newer, newerReference) = Observer();
        await customer.Grain.Subscribe(customer.CustomerId, newerReference, 0).Within("the resume");
        await customer.Events.WaitForAsync<Replaced>(what: "the first notice");

        await customer.Grain.Resubscribe(customer.CustomerId, customer.Reference, 0).Within("the older stream's refresh");

        await customer.Events.WaitForAsync<Replaced>(what: "the second notice, at the refresh");
        await customer.Grain.Send(agent.Id, "a1", "still to the newer").Within("the agent's send");
        Assert.Equal("still to the newer", (await newer.WaitForAsync<MessageView>(what: "the message at the newer stream")).Text);
    }

    [Fact]
    public async Task StreamRegisteringItselfAgain_IsNotReplaced()
    {
        var (agent, customer) = await StartChatAsync();

        await customer.Grain.Resubscribe(customer.CustomerId, customer.Reference, 0).Within("the refresh");
        await customer.Grain.Subscribe(customer.CustomerId, customer.Reference, 0).Within("a second subscription of the same stream");
        await customer.Grain.Send(agent.Id, "a1", "hello").Within("the agent's send");

        await customer.Events.WaitForAsync<MessageView>(what: "the message");
        Assert.DoesNotContain(customer.Events.Drain(), e => e is Replaced);
    }

    [Fact]
    public async Task AgentSigningInAgain_ReplacesTheOlderStream_WhichCannotTakeTheSignInBack()
    {
        var (agent, customer) = await StartChatAsync();
        var (newer, newerReference) = Observer();

        await agent.Grain.SignIn(agent.Profile, newerReference, [customer.ConversationId]).Within("the second sign-in");
        await agent.Events.WaitForAsync<Replaced>(what: "the older stream told it was replaced");

        Assert.Null(await agent.Grain.Reattach(agent.Profile, agent.Reference, [customer.ConversationId], available: true).Within("the older's reattach"));
        await agent.Events.WaitForAsync<Replaced>(what: "the older stream told again");

        // The older stream's drop changes nothing: the agent is online on the newer one.
        await agent.Grain.Disconnected(agent.Reference).Within("the older stream's drop");
        var snapshot = await agent.Grain.GetSnapshot().Within("the agent's state");
        Assert.Equal([customer.ConversationId], snapshot.OpenConversations);
        Assert.True(snapshot.Available);
        Assert.DoesNotContain(newer.Drain(), e => e is Replaced);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public async Task SubscribeFromACursorOutsideTheConversation_IsOutOfRange(long afterSeq)
    {
        var (agent, customer) = await StartChatAsync();
        await customer.Grain.Send(customer.CustomerId, "c1", "the only message").Within("the send");
        var (_, reference) = Observer();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => customer.Grain.Subscribe(agent.Id, reference, afterSeq));

        Assert.Equal(ErrorCode.OutOfRange, ErrorCodes.Of(error));
        Assert.Equal($"cursor {afterSeq} is out of range for conversation {customer.ConversationId}: it must be from 0 to 1 (its last seq).",
            error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task ReadSeqOutsideTheConversation_IsOutOfRange_AndNotRelayed(long seq)
    {
        var (agent, customer) = await StartChatAsync();
        await customer.Grain.Send(agent.Id, "a1", "the only message").Within("the send");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => customer.Grain.Signal(customer.CustomerId, SignalKind.Read, seq));
        await customer.Grain.Signal(customer.CustomerId, SignalKind.Read, 1).Within("a read in range");

        Assert.Equal(ErrorCode.OutOfRange, ErrorCodes.Of(error));
        Assert.Equal(1, (await agent.Events.WaitForAsync<SignalView>(what: "the read notice in range")).Seq);
        Assert.DoesNotContain(agent.Events.Drain(), e => e is SignalView);
    }

    private (RecordingObserver Events, IChatObserver Reference) Observer()
    {
        var events = new RecordingObserver();
        return (events, fixture.Client.CreateObjectReference<IChatObserver>(events));
    }

    private async Task<(AgentUnderTest Agent, CustomerUnderTest Customer)> StartChatAsync()
    {
        var department = ClusterFixture.Unique("sales");
        var name = ClusterFixture.Unique("Ada");
        var (id, grain, events, reference) = await fixture.SignInAgentAsync(name, 1, department);
        var (customerEvents, customerReference) = Observer();
        var conversationId = Ids.NewConversationId();
        var customerId = Ids.NewCustomerId();
        var conversation = fixture.Client.GetGrain<IConversationGrain>(conversationId);
        await conversation.Open(customerId, "Bob", department).Within("the conversation to open");
        await conversation.Subscribe(customerId, customerReference, 0).Within("the customer's subscription");
        await fixture.Client.GetGrain<IDepartmentQueueGrain>(department)
            .Enqueue(new QueueEntry(conversationId, "Bob", DateTimeOffset.UtcNow, Front: false)).Within("the customer in the queue");
        await customerEvents.WaitForAsync<AssignmentView>(what: "assignment");
        await events.WaitForAsync<AssignmentView>(what: "agent's assignment");
        await conversation.Subscribe(id, reference, 0).Within("the agent's subscription");
        return (new AgentUnderTest(id, grain, events, reference, new AgentProfile(id, name, "Engineer", [department], 1)),
            new CustomerUnderTest(conversationId, customerId, conversation, customerEvents, customerReference));
    }

    private sealed record AgentUnderTest(string Id, IAgentGrain Grain, RecordingObserver Events, IChatObserver Reference, AgentProfile Profile);

    private sealed record CustomerUnderTest(string ConversationId, string CustomerId, IConversationGrain Grain, RecordingObserver Events,
        IChatObserver Reference);
}
