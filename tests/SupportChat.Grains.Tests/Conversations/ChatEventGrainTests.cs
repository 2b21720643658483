using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Tests.Conversations;

/// <summary>Each conversation and agent path writes its feed events, with the facts of the change, before the grain
/// tells anyone of it (the store fake numbers them as the real ones do).</summary>
[Collection(ClusterCollection.Name)]
public sealed class ChatEventGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_conversation_queued_assigned_transferred_and_ended_writes_each_event_with_its_facts()
    {
        var sales = ClusterFixture.Unique("sales");
        var billing = ClusterFixture.Unique("billing");
        var ada = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, sales);
        var customer = await fixture.JoinAsync("Bob", sales);
        await ada.Events.WaitForAsync<AssignmentView>(what: "Ada's assignment");
        var bill = await fixture.SignInAgentAsync(ClusterFixture.Unique("Bill"), 1, billing);

        await customer.Grain.Transfer(ada.Id, billing);
        await bill.Events.WaitForAsync<AssignmentView>(what: "Bill's assignment");
        await customer.Grain.End(customer.CustomerId, "all sorted");

        var events = EventsOf(customer.ConversationId);
        Assert.Equal([ChatEventKinds.ConversationQueued, ChatEventKinds.ConversationAssigned, ChatEventKinds.ConversationTransferred,
            ChatEventKinds.ConversationQueued, ChatEventKinds.ConversationAssigned, ChatEventKinds.ConversationEnded], events.Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal((customer.CustomerId, "Bob"), (e.CustomerId, e.CustomerName)));
        Assert.Equal((sales, null), (events[0].Department, events[0].AgentId));
        Assert.Equal((sales, ada.Id), (events[1].Department, events[1].AgentId));
        Assert.Equal((billing, sales, ada.Id), (events[2].Department, events[2].FromDepartment, events[2].AgentId));
        Assert.Equal(events[2].Cursor + 1, events[3].Cursor); // the transfer and its queueing: one save, consecutive cursors
        Assert.Equal((billing, null), (events[3].Department, events[3].AgentId));
        Assert.Equal((billing, bill.Id), (events[4].Department, events[4].AgentId));
        Assert.Equal((bill.Id, EndedBy.Customer, "all sorted"), (events[5].AgentId, events[5].EndedBy, events[5].Reason));
    }

    [Fact]
    public async Task A_conversation_ended_while_queued_is_recorded_as_abandoned_in_the_queue_without_an_agent()
    {
        var customer = await fixture.JoinAsync("Bob", ClusterFixture.Unique("empty"));

        await customer.Grain.End(customer.CustomerId, "waited too long");

        var ended = EventsOf(customer.ConversationId)[^1];
        Assert.Equal((ChatEventKinds.ConversationEnded, null, null, EndedBy.Customer), (ended.Kind, ended.AgentId, ended.AgentName, ended.EndedBy));
    }

    [Fact]
    public async Task An_agent_signing_in_changing_status_and_signing_off_writes_its_presence_events_and_requeues_its_conversation()
    {
        var department = ClusterFixture.Unique("sales");
        var ada = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var customer = await fixture.JoinAsync("Bob", department);
        await ada.Events.WaitForAsync<AssignmentView>(what: "Ada's assignment");

        await ada.Grain.SetStatus(available: false, capacity: 0);
        await ada.Grain.SetStatus(available: false, capacity: 0); // no change: no event
        await ada.Grain.SignOff(ada.Reference);

        var presence = fixture.Store.Events.Where(e => e.AgentId == ada.Id && e.ConversationId is null).ToList();
        Assert.Equal([(ChatEventKinds.AgentSignedIn, "available", null), (ChatEventKinds.AgentStatusChanged, "away", null),
            (ChatEventKinds.AgentSignedOff, "offline", "signed off")], presence.Select(e => (e.Kind, e.Status, e.Reason)));
        var requeued = EventsOf(customer.ConversationId)[^1];
        Assert.Equal((ChatEventKinds.ConversationQueued, null), (requeued.Kind, requeued.AgentId));
        Assert.Contains("left", requeued.Reason);
    }

    private List<ChatEvent> EventsOf(string conversationId) => fixture.Store.Events.Where(e => e.ConversationId == conversationId).ToList();
}
