using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Tests;

/// <summary>A waiting customer without a stream keeps its place but holds no agent's seat: it may never come back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AwayCustomerGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CustomerDisconnected_WhileQueued_GetsNoAgentUntilItIsBack()
    {
        var department = ClusterFixture.Unique("sales");
        var queue = fixture.Client.GetGrain<IDepartmentQueueGrain>(department);
        var away = await JoinAsync("Away", department);
        await away.Events.WaitForAsync<QueuePositionView>(what: "Away's queue position");

        await away.Grain.CustomerDisconnected(away.Reference);
        await WaitForStatusAsync(queue, s => s.Away == 1, "the queue to mark Away's customer away");
        var present = await JoinAsync("Present", department);
        Assert.Equal(2, (await present.Events.WaitForAsync<QueuePositionView>(what: "Present's queue position")).Position);

        // Two seats: one goes to the customer behind, none to the one away, which keeps its place at the head.
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 2, department);
        var toAgent = await agent.Events.WaitForAsync<AssignmentView>(what: "the agent's assignment");
        Assert.Equal(present.ConversationId, toAgent.ConversationId);
        // The queue matches what it can for the agent within the call that tells it of the agent.
        var status = await WaitForStatusAsync(queue, s => s.AgentsOnline == 1, "the queue to know the agent");
        Assert.Equal((Waiting: 1, Away: 1, FreeSeats: 1), (status.Waiting, status.Away, status.FreeSeats));
        Assert.Equal([present.ConversationId], (await agent.Grain.GetSnapshot().Within("the agent's snapshot")).OpenConversations);

        await away.Grain.Subscribe(away.CustomerId, away.Reference, 0).Within("Away's return");

        Assert.Equal(agent.Id, (await away.Events.WaitForAsync<AssignmentView>(what: "Away's assignment once back")).AgentId);
        Assert.Equal(away.ConversationId, (await agent.Events.WaitForAsync<AssignmentView>(what: "the agent's second assignment")).ConversationId);
    }

    [Fact]
    public async Task Recover_QueuedConversationWhoseCustomerHasNoStream_WaitsForTheCustomer()
    {
        // As after a restart: the store holds a waiting conversation, and its customer has not resumed yet.
        var department = ClusterFixture.Unique("sales");
        var (conversationId, customerId) = (Ids.NewConversationId(), Ids.NewCustomerId());
        var record = Conversation.Open(conversationId, customerId, "Restored", department, DateTimeOffset.UtcNow).ToRecord();
        await fixture.Store.SaveConversationAsync(record, CancellationToken.None);
        var grain = fixture.Client.GetGrain<IConversationGrain>(conversationId);
        var queue = fixture.Client.GetGrain<IDepartmentQueueGrain>(department);

        await grain.Recover().Within("the conversation's recovery");
        await WaitForStatusAsync(queue, s => s is { Waiting: 1, Away: 1 }, "the restored conversation waiting, its customer away");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var status = await WaitForStatusAsync(queue, s => s.AgentsOnline == 1, "the queue to know the agent");
        Assert.Equal((Waiting: 1, Away: 1, FreeSeats: 1), (status.Waiting, status.Away, status.FreeSeats));
        Assert.Empty((await agent.Grain.GetSnapshot().Within("the agent's snapshot")).OpenConversations);

        var events = new RecordingObserver();
        await grain.Subscribe(customerId, fixture.Client.CreateObjectReference<IChatObserver>(events), 0).Within("the customer's resume");

        Assert.Equal(agent.Id, (await events.WaitForAsync<AssignmentView>(what: "the assignment once the customer is back")).AgentId);
    }

    /// <summary>As <see cref="ClusterFixture.JoinAsync"/>, keeping the reference to the customer's stream so that it can
    /// drop and come back.</summary>
    private async Task<(string ConversationId, string CustomerId, IConversationGrain Grain, RecordingObserver Events, IChatObserver Reference)>
        JoinAsync(string name, string department)
    {
        var events = new RecordingObserver();
        var reference = fixture.Client.CreateObjectReference<IChatObserver>(events);
        var (conversationId, customerId) = (Ids.NewConversationId(), Ids.NewCustomerId());
        var grain = fixture.Client.GetGrain<IConversationGrain>(conversationId);
        await grain.Open(customerId, name, department).Within($"{name}'s conversation opened");
        await grain.Subscribe(customerId, reference, 0).Within($"{name}'s stream subscribed");
        await fixture.Client.GetGrain<IDepartmentQueueGrain>(department).Enqueue(new QueueEntry(conversationId, name, DateTimeOffset.UtcNow, Front: false));
        return (conversationId, customerId, grain, events, reference);
    }

    /// <summary>Asks the queue until its status matches: the calls that change it are one-way, with nothing to await.</summary>
    private static async Task<QueueStatus> WaitForStatusAsync(IDepartmentQueueGrain queue, Func<QueueStatus, bool> match, string what)
    {
        using var deadline = new CancellationTokenSource(TaskTimeouts.Patience);
        while (true)
        {
            var status = await queue.GetStatus().Within(what);
            if (match(status))
            {
                return status;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"no {what} within {TaskTimeouts.Patience.TotalSeconds} s");
            }
        }
    }
}
