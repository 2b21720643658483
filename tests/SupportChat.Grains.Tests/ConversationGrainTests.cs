using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Grains.Contracts;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Send_SameClientMsgIdTwice_ReturnsTheOriginalAndStoresOnce()
    {
        var (_, customer, agentEvents) = await StartChatAsync();

        var first = await customer.Grain.Send(customer.CustomerId, "msg-1", "hello");
        var retry = await customer.Grain.Send(customer.CustomerId, "msg-1", "hello");

        Assert.Equal(first, retry);
        Assert.Equal(1, fixture.Store.MessageRows(customer.ConversationId));
        var delivered = await agentEvents.WaitForAsync<MessageView>(what: "message at the agent");
        Assert.Equal(1, delivered.Seq);
        Assert.Equal(SenderRole.Customer, delivered.From);
    }

    [Fact]
    public async Task Send_BothSides_SeqsAreGapless()
    {
        var (agent, customer, _) = await StartChatAsync();

        var seqs = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            seqs.Add((await customer.Grain.Send(customer.CustomerId, $"c{i}", $"from customer {i}")).Seq);
            seqs.Add((await customer.Grain.Send(agent.Id, $"a{i}", $"from agent {i}")).Seq);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), seqs);
    }

    [Fact]
    public async Task SendBatch_RepeatedClientMsgId_GetsOneSeq_AndTellsTheOtherSideOnceInOrder()
    {
        // Text and client_msg_id shapes are checked at the edge (the server's stream handlers), before a grain call.
        var (_, customer, agentEvents) = await StartChatAsync();

        var outcomes = await customer.Grain.SendBatch(customer.CustomerId,
            [new OutgoingText("b1", "one"), new OutgoingText("b3", "three"), new OutgoingText("b1", "one")]);

        Assert.Equal(["b1", "b3", "b1"], outcomes.Select(o => o.ClientMsgId));
        Assert.Equal(1, outcomes[0].Receipt!.Seq);
        Assert.Equal(2, outcomes[1].Receipt!.Seq);
        Assert.Equal(outcomes[0].Receipt, outcomes[2].Receipt);
        Assert.Equal(2, fixture.Store.MessageRows(customer.ConversationId));
        var first = await agentEvents.WaitForAsync<MessageView>(what: "the first message at the agent");
        var second = await agentEvents.WaitForAsync<MessageView>(what: "the second message at the agent");
        Assert.Equal([(1L, "one"), (2L, "three")], new[] { (first.Seq, first.Text), (second.Seq, second.Text) });
    }

    [Fact]
    public async Task SendBatch_Retried_ReturnsTheOriginalsAndStoresNothingNew()
    {
        var (_, customer, _) = await StartChatAsync();
        var sends = Enumerable.Range(1, 5).Select(i => new OutgoingText($"r{i}", $"text {i}")).ToList();

        var first = await customer.Grain.SendBatch(customer.CustomerId, sends);
        var retry = await customer.Grain.SendBatch(customer.CustomerId, sends);

        Assert.Equal(first.Select(o => o.Receipt), retry.Select(o => o.Receipt));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], first.Select(o => o.Receipt!.Seq));
        Assert.Equal(5, fixture.Store.MessageRows(customer.ConversationId));
    }

    [Fact]
    public async Task Send_AfterEnd_FailsWithFailedPrecondition()
    {
        var (_, customer, agentEvents) = await StartChatAsync();
        await customer.Grain.End(customer.CustomerId, "bye");
        await agentEvents.WaitForAsync<EndedView>(what: "ended at the agent");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => customer.Grain.Send(customer.CustomerId, "late", "too late"));

        Assert.Equal(ErrorCode.FailedPrecondition, ErrorCodes.Of(error));
    }

    [Fact]
    public async Task Send_ByStranger_FailsWithPermissionDenied()
    {
        var (_, customer, _) = await StartChatAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => customer.Grain.Send("someone-else", "x", "hi"));

        Assert.Equal(ErrorCode.PermissionDenied, ErrorCodes.Of(error));
    }

    [Fact]
    public async Task Transfer_ToAnotherDepartment_NextAgentGetsTheHistory()
    {
        var (agent, customer, agentEvents) = await StartChatAsync();
        await customer.Grain.Send(customer.CustomerId, "q1", "my invoice is wrong");
        var billing = ClusterFixture.Unique("billing");
        var biller = await fixture.SignInAgentAsync(ClusterFixture.Unique("Bill"), 1, billing);

        await customer.Grain.Transfer(agent.Id, billing);

        var removed = await agentEvents.WaitForAsync<EndedView>(what: "transfer notice at the first agent");
        Assert.Contains(billing, removed.Reason);
        var assigned = await biller.Events.WaitForAsync<AssignmentView>(what: "assignment in billing");
        Assert.Equal(customer.ConversationId, assigned.ConversationId);
        var reassigned = await customer.Events.WaitForAsync<AssignmentView>(a => a.AgentId == biller.Id, "customer told of the new agent");
        Assert.Equal(billing, reassigned.Department);
        var history = await customer.Grain.Subscribe(biller.Id, biller.Reference, 0);
        Assert.Equal("my invoice is wrong", history.Backlog[0].Text);
        Assert.Equal(SenderRole.System, history.Backlog[1].From);
        Assert.Contains(billing, history.Backlog[1].Text);
    }

    [Fact]
    public async Task SignOff_WithOpenConversation_ReturnsItToTheQueue()
    {
        var department = ClusterFixture.Unique("sales");
        var first = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var customer = await fixture.JoinAsync("Bob", department);
        await customer.Events.WaitForAsync<AssignmentView>(what: "first assignment");

        await first.Grain.SignOff(first.Reference);
        var second = await fixture.SignInAgentAsync(ClusterFixture.Unique("Grace"), 1, department);

        var assigned = await second.Events.WaitForAsync<AssignmentView>(what: "reassignment to the second agent");
        Assert.Equal(customer.ConversationId, assigned.ConversationId);
    }

    private async Task<((string Id, IAgentGrain Grain, RecordingObserver Events, IChatObserver Reference) Agent,
        (string ConversationId, string CustomerId, IConversationGrain Grain, RecordingObserver Events) Customer,
        RecordingObserver AgentEvents)> StartChatAsync()
    {
        var department = ClusterFixture.Unique("sales");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var customer = await fixture.JoinAsync("Bob", department);
        await customer.Events.WaitForAsync<AssignmentView>(what: "assignment");
        await agent.Events.WaitForAsync<AssignmentView>(what: "agent's assignment");
        var snapshot = await customer.Grain.Subscribe(agent.Id, agent.Reference, 0);
        Assert.Equal(ConversationStatus.Active, snapshot.Conversation.Status);
        return (agent, customer, agent.Events);
    }
}
