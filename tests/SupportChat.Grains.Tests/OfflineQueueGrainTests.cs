using SupportChat.Domain;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Tests;

/// <summary>Outside opening hours, or with nobody of the department signed in, a waiting customer is told so at once,
/// may leave messages, and its conversation waits for the first agent who can answer.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OfflineQueueGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Join_ClosedDepartment_ToldWhenItOpens_AndNotRoutedToAnAvailableAgent()
    {
        var department = ClusterFixture.ClosedDepartment;
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 2, department);
        var customer = await JoinAsync("Night owl", department);

        var queued = await customer.Events.WaitForAsync<QueuePositionView>(q => q.Offline is not null, "the offline notice");

        Assert.Equal(ClusterFixture.ClosedUntil, queued.Offline!.OpensAt);
        Assert.StartsWith($"We're offline until {ClusterFixture.ClosedUntil.DayOfWeek} 00:00 (UTC)", queued.Offline.Message);
        Assert.True(queued.NobodyAvailable);
        Assert.Null(queued.EstimatedWait);
        var length = await agent.Events.WaitForAsync<QueueLengthView>(l => l.Waiting >= 1, "the closed queue's length");
        Assert.Equal(length.Waiting, length.Offline);
        Assert.Empty((await agent.Grain.GetSnapshot().Within("the agent's snapshot")).OpenConversations);
        await customer.Grain.End(customer.CustomerId, "test over").Within("the customer leaving");
    }

    [Fact]
    public async Task Join_NobodySignedIn_OfflineWithoutAnOpening_ThenRoutedToTheFirstAgent()
    {
        var department = ClusterFixture.Unique("sales");
        var customer = await JoinAsync("Early", department);

        var queued = await customer.Events.WaitForAsync<QueuePositionView>(q => q.Offline is not null, "the offline notice");
        Assert.Null(queued.Offline!.OpensAt);
        Assert.Equal("Nobody is signed in right now; leave a message and we'll answer here.", queued.Offline.Message);

        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        Assert.Equal(customer.ConversationId, (await agent.Events.WaitForAsync<AssignmentView>(what: "the assignment")).ConversationId);
    }

    [Fact]
    public async Task LeftMessage_CustomerGone_NotAwayAndRoutedWithItsMessages()
    {
        var department = ClusterFixture.Unique("sales");
        var queue = fixture.Client.GetGrain<IDepartmentQueueGrain>(department);
        var customer = await JoinAsync("Writer", department);
        await customer.Events.WaitForAsync<QueuePositionView>(q => q.Offline is not null, "the offline notice");
        await customer.Grain.Send(customer.CustomerId, "left-1", "my invoice is wrong").Within("the first left message");
        await customer.Grain.Send(customer.CustomerId, "left-2", "order 1234").Within("the second left message");

        await customer.Grain.CustomerDisconnected(customer.Reference).Within("the customer going");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);

        var assigned = await agent.Events.WaitForAsync<AssignmentView>(what: "the left messages' conversation");
        Assert.Equal(customer.ConversationId, assigned.ConversationId);
        var messages = await customer.Grain.GetMessagesAfter(agent.Id, 0).Within("the messages the agent reads");
        Assert.Equal(["my invoice is wrong", "order 1234"], messages.Select(m => m.Text).Where(t => t is "my invoice is wrong" or "order 1234"));
        Assert.Equal(0, (await queue.GetStatus().Within("the queue's status")).Waiting);
    }

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
}
