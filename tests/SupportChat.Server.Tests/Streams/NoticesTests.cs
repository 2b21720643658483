using SupportChat.Protocol.V1;
using SupportChat.Server.Tests.Fakes;
using SupportChat.Server.Tests.Support;
using EventCase = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.Server.Tests.Streams;

/// <summary>Typing and read notices cost at most one grain call each per conversation and second, however many come.</summary>
public sealed class NoticesTests
{
    [Fact]
    public async Task TenThousandTypingCommands_RelayOneASecond()
    {
        var time = new ManualTime();
        using var harness = new StreamHarness(time: time);
        using var customer = await harness.StartCustomerAsync();
        customer.Requests.Add(StreamHarness.CustomerHello());
        var welcome = (await customer.WaitForAsync(EventCase.Welcome)).Welcome;
        var conversation = harness.Grains.FakeConversation(welcome.ConversationId);

        for (var i = 0; i < 10_000; i++)
        {
            customer.Requests.Add(new CustomerCommand { Typing = new Typing() });
        }

        await BarrierAsync(customer);
        Assert.Single(conversation.Calls.All, c => c.StartsWith("Signal(", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromSeconds(1));
        customer.Requests.Add(new CustomerCommand { Typing = new Typing() });
        customer.Requests.Add(new CustomerCommand { Typing = new Typing() });
        await BarrierAsync(customer);
        Assert.Equal([$"Signal({welcome.CustomerId}, Typing, 0)", $"Signal({welcome.CustomerId}, Typing, 0)"],
            conversation.Calls.All.Where(c => c.StartsWith("Signal(", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadNoticesInABurst_GoOutAsTheFirstAndThenTheHighest()
    {
        var time = new ManualTime();
        using var harness = new StreamHarness(time: time);
        using var customer = await harness.StartCustomerAsync();
        customer.Requests.Add(StreamHarness.CustomerHello());
        var welcome = (await customer.WaitForAsync(EventCase.Welcome)).Welcome;
        var conversation = harness.Grains.FakeConversation(welcome.ConversationId);

        foreach (var seq in Enumerable.Range(1, 1000).Concat([500, 2]))
        {
            customer.Requests.Add(new CustomerCommand { Read = new MarkRead { Seq = seq } });
        }

        await BarrierAsync(customer);
        Assert.Equal(1, time.PendingTimers);
        time.Advance(TimeSpan.FromSeconds(1));

        await conversation.Calls.WaitForAsync($"Signal({welcome.CustomerId}, Read, 1000)");
        Assert.Equal([$"Signal({welcome.CustomerId}, Read, 1)", $"Signal({welcome.CustomerId}, Read, 1000)"],
            conversation.Calls.All.Where(c => c.StartsWith("Signal(", StringComparison.Ordinal)));
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public async Task NoticesToAConversationTheAgentDoesNotFollow_ShareOneAllowance()
    {
        var time = new ManualTime();
        using var harness = new StreamHarness(time: time);
        using var agent = harness.StartAgent();
        agent.Requests.Add(StreamHarness.AgentHello());
        await agent.WaitForAsync(EventCase.Ready);

        for (var i = 0; i < 1000; i++)
        {
            agent.Requests.Add(new AgentCommand { Typing = new Typing { ConversationId = $"other{i}" } });
            agent.Requests.Add(new AgentCommand { Read = new MarkRead { ConversationId = $"other{i}", Seq = 1 } });
        }

        agent.Requests.Add(StreamHarness.AgentHello());
        await agent.WaitForAsync(EventCase.Error);
        var signalled = harness.Grains.Conversations.Where(c => c.Calls.Contains("Signal(")).Select(c => c.ConversationId).Order();
        Assert.Equal(["other0"], signalled);
        Assert.Equal(0, time.PendingTimers);
    }

    /// <summary>Commands are carried out in order: once the answer to a second hello is out, everything before it was handled.</summary>
    private static async Task BarrierAsync(StreamUnderTest<CustomerCommand> customer)
    {
        customer.Requests.Add(StreamHarness.CustomerHello());
        Assert.Equal("FailedPrecondition", (await customer.WaitForAsync(EventCase.Error)).Error.Code);
    }
}
