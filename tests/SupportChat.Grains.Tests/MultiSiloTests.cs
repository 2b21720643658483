using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Persistence;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Tests;

/// <summary>
/// Three silos in one process sharing one store (as cluster nodes share PostgreSQL). Grains are placed on chosen
/// silos, so a conversation really is hosted apart from its queue, and the silo killed really is the one that held it.
/// </summary>
public sealed class MultiSiloTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly InMemoryChatStore _store = new();
    private InProcessTestCluster _cluster = null!;

    private IClusterClient Client => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = ClusterFixture.Build(3, _store,
            silo => silo.Configure<ClusterMembershipOptions>(o => (o.ProbeTimeout, o.NumMissedProbesLimit) = (TimeSpan.FromSeconds(1), 2)));
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_conversation_on_another_silo_than_its_queue_routes_and_relays_both_ways()
    {
        var chat = await StartChatAsync("across");
        Assert.NotEqual(WhereIs(chat.Queue), WhereIs(chat.Conversation));

        await chat.Conversation.Send(chat.CustomerId, "c1", "hello from the customer");
        await chat.Conversation.Send(chat.AgentId, "a1", "hello from the agent");

        Assert.Equal((1, "hello from the customer"), Seen(await chat.AgentEvents.WaitForAsync<MessageView>(what: "the customer's message")));
        Assert.Equal((2, "hello from the agent"), Seen(await chat.CustomerEvents.WaitForAsync<MessageView>(what: "the agent's message")));
    }

    [Fact]
    public async Task The_silo_holding_a_conversation_killed_mid_chat_loses_nothing_and_assigns_nobody_twice()
    {
        var chat = await StartChatAsync("killed");
        await chat.Conversation.Send(chat.CustomerId, "c1", "before");
        await chat.AgentEvents.WaitForAsync<MessageView>(m => m.Text == "before", "the message before the kill");

        var victim = _cluster.Silos.Single(s => s.SiloAddress.Equals(WhereIs(chat.Conversation)));
        await _cluster.KillSiloAsync(victim);
        await WaitUntilDeadAsync(victim.SiloAddress);

        // What a node does once another is declared dead: the sweep re-asserts the conversation (which re-activates
        // from the store on a live silo), and each stream registers again (the agent's signs in again if its grain,
        // placed anywhere, died too).
        await chat.Conversation.Recover();
        await Client.GetGrain<IAgentGrain>(chat.AgentId).Reattach(chat.AgentProfile, chat.AgentReference, [chat.ConversationId], available: true);
        var atCustomer = await chat.Conversation.Subscribe(chat.CustomerId, chat.CustomerReference, 1);
        var atAgent = await chat.Conversation.Subscribe(chat.AgentId, chat.AgentReference, 1);
        Assert.NotEqual(victim.SiloAddress, WhereIs(chat.Conversation));
        Assert.Equal((ConversationStatus.Active, chat.AgentId), (atCustomer.Conversation.Status, atCustomer.Conversation.AgentId));
        Assert.Empty(atAgent.Backlog);

        var retried = await chat.Conversation.Send(chat.CustomerId, "c1", "before");
        await chat.Conversation.Send(chat.AgentId, "a1", "after, from the agent");
        await chat.Conversation.Send(chat.CustomerId, "c2", "after, from the customer");

        Assert.Equal(1, retried.Seq);
        Assert.Equal((2, "after, from the agent"), Seen(await chat.CustomerEvents.WaitForAsync<MessageView>(m => m.Seq == 2, "the agent's reply")));
        Assert.Equal((3, "after, from the customer"), Seen(await chat.AgentEvents.WaitForAsync<MessageView>(m => m.Seq == 3, "the customer's reply")));
        Assert.Equal(3, _store.MessageRows(chat.ConversationId));
        var agent = await Client.GetGrain<IAgentGrain>(chat.AgentId).GetSnapshot();
        Assert.Equal([chat.ConversationId], agent.OpenConversations);
        Assert.Equal(0, (await chat.Queue.GetStatus()).Waiting);
    }

    private static (long, string) Seen(MessageView message) => (message.Seq, message.Text);

    /// <summary>Queue on the second silo, conversation on the third (the first holds the test cluster's membership);
    /// the agent signs in, the customer joins and is assigned.</summary>
    private async Task<Chat> StartChatAsync(string prefix)
    {
        var department = ClusterFixture.Unique(prefix);
        var queue = Client.GetGrain<IDepartmentQueueGrain>(department);
        await PlaceAsync(queue, () => queue.GetStatus(), _cluster.Silos[1].SiloAddress);
        var conversationId = Domain.Ids.NewConversationId();
        var conversation = Client.GetGrain<IConversationGrain>(conversationId);
        await PlaceAsync(conversation, () => conversation.IsAssignedTo("nobody"), _cluster.Silos[2].SiloAddress);

        var agentEvents = new RecordingObserver();
        var agentReference = Client.CreateObjectReference<IChatObserver>(agentEvents);
        var agentId = Domain.Ids.AgentIdFromName(ClusterFixture.Unique("agent"));
        var profile = new AgentProfile(agentId, agentId, "Engineer", [department], 2);
        await Client.GetGrain<IAgentGrain>(agentId).SignIn(profile, agentReference, []);

        var customerEvents = new RecordingObserver();
        var customerReference = Client.CreateObjectReference<IChatObserver>(customerEvents);
        var customerId = Domain.Ids.NewCustomerId();
        await conversation.Open(customerId, "Bob", department);
        await conversation.Subscribe(customerId, customerReference, 0);
        await queue.Enqueue(new QueueEntry(conversationId, "Bob", DateTimeOffset.UtcNow, Front: false));
        await customerEvents.WaitForAsync<AssignmentView>(what: "the assignment at the customer");
        await agentEvents.WaitForAsync<AssignmentView>(what: "the assignment at the agent");
        await conversation.Subscribe(agentId, agentReference, 0);
        return new Chat(conversationId, conversation, queue, customerId, customerEvents, customerReference, agentId, profile, agentEvents, agentReference);
    }

    private async Task PlaceAsync(IAddressable grain, Func<Task> activate, SiloAddress silo)
    {
        await activate();
        if (!silo.Equals(WhereIs(grain)))
        {
            await _cluster.MigrateAsync(grain, silo);
            await activate();
        }

        Assert.Equal(silo, WhereIs(grain));
    }

    private SiloAddress? WhereIs(IAddressable grain) =>
        _cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    private async Task WaitUntilDeadAsync(SiloAddress silo)
    {
        var membership = _cluster.GetSiloServiceProvider(_cluster.Silos[0].SiloAddress).GetRequiredService<IClusterMembershipService>();
        using var deadline = new CancellationTokenSource(Patience);
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(deadline.Token))
        {
            if (snapshot.GetSiloStatus(silo) == SiloStatus.Dead)
            {
                return;
            }
        }
    }

    private sealed record Chat(
        string ConversationId, IConversationGrain Conversation, IDepartmentQueueGrain Queue,
        string CustomerId, RecordingObserver CustomerEvents, IChatObserver CustomerReference,
        string AgentId, AgentProfile AgentProfile, RecordingObserver AgentEvents, IChatObserver AgentReference);
}
