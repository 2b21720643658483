using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Events;
using SupportChat.Client.Sessions;

namespace SupportChat.EndToEnd.Tests;

/// <summary>Whole support-desk scenarios over a real server, driven through the client library.</summary>
public sealed class ClientScenarioTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<ChatSession> _sessions = [];
    private TestServer _server = null!;
    private SupportChatConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(null, "general", "billing");
        _connection = SupportChatConnection.Create(_server.Url);
    }

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }

        await _connection.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Capacity_one_agent_takes_the_waiting_customer_as_soon_as_the_first_ends_and_history_survives_a_restart()
    {
        var (ada, adaEvents) = await AgentAsync("Ada Lovelace", 1);
        var (bob, bobEvents) = await CustomerAsync("Bob Smith");
        var first = (await bobEvents.WaitForAsync<ConversationAssigned>()).ConversationId;
        var (carol, carolEvents) = await CustomerAsync("Carol");
        Assert.Equal(1, (await carolEvents.WaitForAsync<QueuePosition>()).Position);

        var hello = await bob.SendAsync("hello", None);
        var seen = await adaEvents.WaitForAsync<MessageReceived>(m => m.Text == "hello");
        Assert.Equal((1L, SenderRole.Customer, "Bob Smith", false), (seen.Seq, seen.From, seen.SenderName, seen.IsOwn));
        Assert.Equal((1L, true), (hello.Seq, hello.IsOwn));
        Assert.Equal(hello, await bobEvents.WaitForAsync<MessageReceived>(m => m.Seq == 1));
        var reply = await ada.SendAsync(first, "hi Bob", None);
        Assert.Equal(2, reply.Seq);
        await bobEvents.WaitForAsync<MessageReceived>(m => m.Seq == 2 && m.Text == "hi Bob" && m.From == SenderRole.Agent);

        var empty = await Assert.ThrowsAsync<ChatClientException>(() => bob.SendAsync("", None));
        Assert.Equal("InvalidArgument", empty.Code);
        Assert.Equal(3, (await bob.SendAsync("still there?", None)).Seq);

        await bob.EndAsync(None);
        Assert.Equal(EndedBy.Customer, (await adaEvents.WaitForAsync<ConversationEnded>(e => e.ConversationId == first)).By);
        var carolAssigned = await carolEvents.WaitForAsync<ConversationAssigned>();
        Assert.Equal("Ada Lovelace", carolAssigned.AgentName);
        var second = carolAssigned.ConversationId;
        await carol.SendAsync("my turn", None);
        await adaEvents.WaitForAsync<MessageReceived>(m => m.ConversationId == second && m.Text == "my turn");

        await AssertHistoryAsync(first, second);
        await _server.RestartAsync();
        await AssertHistoryAsync(first, second);
    }

    [Fact]
    public async Task Four_agents_of_capacity_two_serve_eight_and_queue_four_in_arrival_order()
    {
        for (var i = 1; i <= 4; i++)
        {
            await AgentAsync($"Agent {i}", 2);
        }

        var customers = new List<(CustomerSession Session, EventProbe Events)>();
        for (var i = 1; i <= 12; i++)
        {
            var customer = await CustomerAsync($"Customer {i}");
            // Wait until this one is placed, so the arrival order is the join order.
            await customer.Events.WaitForAsync<ChatEvent>(e => e is ConversationAssigned or QueuePosition, "assigned or queued");
            customers.Add(customer);
        }

        var assigned = customers.Take(8).Select(c => c.Events.All<ConversationAssigned>().Single()).ToList();
        Assert.All(assigned.GroupBy(a => a.AgentName), g => Assert.Equal(2, g.Count()));
        Assert.Equal(4, assigned.Select(a => a.AgentName).Distinct().Count());
        Assert.Equal([1, 2, 3, 4], customers.Skip(8).Select(c => c.Events.All<QueuePosition>().Single().Position));
        Assert.All(customers.Skip(8), c => Assert.Empty(c.Events.All<ConversationAssigned>()));

        var marks = customers.Select(c => c.Events.Count).ToList();
        await customers[0].Session.EndAsync(None);

        var ninth = await customers[8].Events.WaitForAsync<ConversationAssigned>();
        Assert.Equal(assigned[0].AgentName, ninth.AgentName);
        for (var i = 9; i < 12; i++)
        {
            var moved = await customers[i].Events.WaitForAsync<QueuePosition>(from: marks[i]);
            Assert.Equal(i - 8, moved.Position);
        }
    }

    [Fact]
    public async Task A_hundred_customers_and_ten_agents_of_capacity_three_are_all_served_exactly_once()
    {
        var agents = new Dictionary<string, (AgentSession Session, EventProbe Events)>();
        for (var i = 1; i <= 10; i++)
        {
            agents[$"Agent {i}"] = await AgentAsync($"Agent {i}", 3);
        }

        var timeout = TimeSpan.FromSeconds(60);
        var tasks = Enumerable.Range(1, 100).Select(async i =>
        {
            var (customer, events) = await CustomerAsync($"Customer {i}");
            var assigned = await events.WaitForAsync<ConversationAssigned>(timeout: timeout);
            var (agent, agentEvents) = agents[assigned.AgentName];
            await agentEvents.WaitForAsync<ConversationAssigned>(a => a.ConversationId == assigned.ConversationId, timeout: timeout);
            await agent.SendAsync(assigned.ConversationId, $"hello customer {i}", None);
            await events.WaitForAsync<MessageReceived>(m => m.Text == $"hello customer {i}", timeout: timeout);
            await agent.EndAsync(assigned.ConversationId, None);
            await events.WaitForAsync<ConversationEnded>(timeout: timeout);
            await events.WaitForAsync<StreamClosed>(timeout: timeout);
            Assert.Single(events.All<ConversationAssigned>());
            return assigned;
        }).ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            // Report every customer that failed, not just the first: the first failure is usually the cause.
            throw new AggregateException(tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions));
        }

        var served = tasks.Select(t => t.Result).ToList();

        Assert.Equal(100, served.Select(a => a.ConversationId).Distinct().Count());
        var atAgents = agents.Values.SelectMany(a => a.Events.All<ConversationAssigned>()).ToList();
        Assert.Equal(100, atAgents.Count);
        Assert.Equal(served.Select(a => a.ConversationId).Order(), atAgents.Select(a => a.ConversationId).Order());
        Assert.All(agents.Values, a => Assert.True(a.Events.All<ConversationAssigned>().Count > 0, "every agent served someone"));

        var history = await _connection.ListConversationsAsync(0, None);
        Assert.Equal(100, history.Count);
        Assert.All(history, c => Assert.Equal((1L, 1), (c.MessageCount, c.Agents.Count)));
    }

    [Fact]
    public async Task Transfer_moves_the_conversation_with_its_history_to_the_other_department()
    {
        var (ada, adaEvents) = await AgentAsync("Ada", 3, "general");
        var (bill, billEvents) = await AgentAsync("Bill", 3, "billing");
        var (bob, bobEvents) = await CustomerAsync("Bob");
        var conversation = (await bobEvents.WaitForAsync<ConversationAssigned>()).ConversationId;
        await bob.SendAsync("I was charged twice", None);
        await ada.SendAsync(conversation, "Let me get billing", None);
        var mark = bobEvents.Count;

        await ada.TransferAsync(conversation, "billing", None);

        Assert.Equal(conversation, (await adaEvents.WaitForAsync<ConversationEnded>()).ConversationId);
        var reassigned = await bobEvents.WaitForAsync<ConversationAssigned>(from: mark);
        Assert.Equal(("Bill", "billing", conversation), (reassigned.AgentName, reassigned.Department, reassigned.ConversationId));
        await billEvents.WaitForAsync<ConversationAssigned>(a => a.ConversationId == conversation);
        await bob.SendAsync("Still charged twice", None);
        var last = await billEvents.WaitForAsync<MessageReceived>(m => m.Text == "Still charged twice");

        var atBill = billEvents.All<MessageReceived>();
        Assert.Equal(Enumerable.Range(1, (int)last.Seq).Select(s => (long)s), atBill.Select(m => m.Seq));
        Assert.Equal(["I was charged twice", "Let me get billing"], atBill.Take(2).Select(m => m.Text));
        await bobEvents.WaitForAsync<MessageReceived>(m => m.Seq == last.Seq);
        var atBob = bobEvents.All<MessageReceived>();
        Assert.Equal(atBill.Select(m => m.Seq), atBob.Select(m => m.Seq));
        await bill.SendAsync(conversation, "Refunded", None);
        await bobEvents.WaitForAsync<MessageReceived>(m => m.Text == "Refunded" && m.SenderName == "Bill");
    }

    [Fact]
    public async Task Either_side_can_end_and_the_agent_is_free_again()
    {
        var (ada, adaEvents) = await AgentAsync("Ada", 1);
        var (_, bobEvents) = await CustomerAsync("Bob");
        var first = (await bobEvents.WaitForAsync<ConversationAssigned>()).ConversationId;

        await ada.EndAsync(first, None);
        Assert.Equal(EndedBy.Agent, (await bobEvents.WaitForAsync<ConversationEnded>()).By);
        Assert.Equal("OK", (await bobEvents.WaitForAsync<StreamClosed>()).Code);

        var (carol, carolEvents) = await CustomerAsync("Carol");
        var second = (await carolEvents.WaitForAsync<ConversationAssigned>()).ConversationId;
        await carol.LeaveAsync(None);
        var ended = await adaEvents.WaitForAsync<ConversationEnded>(e => e.ConversationId == second);
        Assert.Equal(EndedBy.Customer, ended.By);

        var (_, daveEvents) = await CustomerAsync("Dave");
        Assert.Equal("Ada", (await daveEvents.WaitForAsync<ConversationAssigned>()).AgentName);
    }

    [Fact]
    public async Task An_away_agent_gets_nobody_until_available_again()
    {
        var (ada, adaEvents) = await AgentAsync("Ada", 2);
        await ada.SetStatusAsync(AgentAvailability.Away, null, None);
        await adaEvents.WaitForAsync<AgentReady>(r => r.Status == AgentAvailability.Away);

        var (_, bobEvents) = await CustomerAsync("Bob");
        Assert.Equal(1, (await bobEvents.WaitForAsync<QueuePosition>()).Position);

        await ada.SetStatusAsync(AgentAvailability.Available, null, None);
        Assert.Equal("Ada", (await bobEvents.WaitForAsync<ConversationAssigned>()).AgentName);
    }

    [Fact]
    public async Task Raising_capacity_assigns_the_head_of_the_queue_at_once()
    {
        var (ada, _) = await AgentAsync("Ada", 1);
        var (_, bobEvents) = await CustomerAsync("Bob");
        await bobEvents.WaitForAsync<ConversationAssigned>();
        var (_, carolEvents) = await CustomerAsync("Carol");
        await carolEvents.WaitForAsync<QueuePosition>();

        await ada.SetStatusAsync(AgentAvailability.Available, 2, None);

        Assert.Equal("Ada", (await carolEvents.WaitForAsync<ConversationAssigned>()).AgentName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Bad_names_are_invalid_arguments(string name)
    {
        Assert.Equal("InvalidArgument", (await Assert.ThrowsAsync<ChatClientException>(
            () => _connection.StartCustomerAsync(new CustomerJoin(name), None))).Code);
        Assert.Equal("InvalidArgument", (await Assert.ThrowsAsync<ChatClientException>(
            () => _connection.StartAgentAsync(new AgentSignIn(name, []), None))).Code);
        Assert.Equal("InvalidArgument", (await Assert.ThrowsAsync<ChatClientException>(
            () => _connection.StartCustomerAsync(new CustomerJoin(new string('x', 101)), None))).Code);
    }

    [Fact]
    public async Task Unknown_department_names_the_valid_ones()
    {
        var error = await Assert.ThrowsAsync<ChatClientException>(() => _connection.StartCustomerAsync(new CustomerJoin("Bob", "sales"), None));

        Assert.Equal("InvalidArgument", error.Code);
        Assert.Contains("general, billing", error.Message);
    }

    [Fact]
    public async Task Over_long_text_is_rejected_and_the_chat_goes_on()
    {
        await AgentAsync("Ada", 1);
        var (bob, bobEvents) = await CustomerAsync("Bob");
        await bobEvents.WaitForAsync<ConversationAssigned>();

        var tooLong = await Assert.ThrowsAsync<ChatClientException>(() => bob.SendAsync(new string('a', 4001), None));
        Assert.Equal("InvalidArgument", tooLong.Code);
        Assert.Equal(1, (await bob.SendAsync(new string('a', 4000), None)).Seq);
    }

    [Fact]
    public async Task Transcript_of_an_unknown_conversation_is_not_found() =>
        Assert.Equal("NotFound", (await Assert.ThrowsAsync<ChatClientException>(
            () => _connection.GetTranscriptAsync("cnosuchthing", None))).Code);

    private async Task AssertHistoryAsync(string first, string second)
    {
        var list = await _connection.ListConversationsAsync(0, None);
        Assert.Equal([second, first], list.Select(c => c.ConversationId));
        Assert.Equal([1L, 3L], list.Select(c => c.MessageCount));
        Assert.NotNull(list[1].EndedAt);

        var transcript = await _connection.GetTranscriptAsync(first, None);
        Assert.Equal([1L, 2L, 3L], transcript.Messages.Select(m => m.Seq));
        Assert.Equal(["hello", "hi Bob", "still there?"], transcript.Messages.Select(m => m.Text));
        Assert.Equal(["Ada Lovelace"], transcript.Conversation.Agents);
    }

    private async Task<(AgentSession Session, EventProbe Events)> AgentAsync(string name, int capacity, params string[] departments)
    {
        var session = await _connection.StartAgentAsync(new AgentSignIn(name, departments, capacity), None);
        _sessions.Add(session);
        var events = EventProbe.Watch(session, name);
        await events.WaitForAsync<AgentReady>();
        return (session, events);
    }

    private async Task<(CustomerSession Session, EventProbe Events)> CustomerAsync(string name, string? department = null)
    {
        var session = await _connection.StartCustomerAsync(new CustomerJoin(name, department), None);
        lock (_sessions)
        {
            _sessions.Add(session);
        }

        return (session, EventProbe.Watch(session, name));
    }
}
