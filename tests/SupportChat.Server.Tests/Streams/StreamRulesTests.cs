using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Tests.Support;
using EventCase = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.Server.Tests.Streams;

/// <summary>What ends a stream besides leaving and dropping (a newer stream, a cursor out of range, a hello over the
/// limits), and the checks on what commands carry.</summary>
public sealed class StreamRulesTests
{
    [Fact]
    public async Task CustomerStreamThatIsReplaced_EndsAborted_AndCarriesOutNoMoreCommands()
    {
        using var harness = new StreamHarness();
        using var customer = await harness.StartCustomerAsync();
        customer.Requests.Add(StreamHarness.CustomerHello());
        var welcome = (await customer.WaitForAsync(EventCase.Welcome)).Welcome;
        var conversation = harness.Grains.FakeConversation(welcome.ConversationId);

        await conversation.Subscriber!.OnReplaced();
        customer.Requests.Add(StreamHarness.CustomerSend("late", "sent on the old stream"));

        var failure = await customer.FailureAsync("the replaced stream to end");
        Assert.Equal((StatusCode.Aborted, "replaced by a newer connection"), (failure.StatusCode, failure.Status.Detail));
        Assert.False(conversation.Calls.Contains("SendBatch("));
        Assert.False(conversation.Calls.Contains("End("));
    }

    [Fact]
    public async Task AgentStreamThatIsReplaced_EndsAborted()
    {
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();
        agent.Requests.Add(StreamHarness.AgentHello());
        var ready = (await agent.WaitForAsync(EventCase.Ready)).Ready;
        var agentGrain = harness.Grains.FakeAgent(ready.AgentId);

        await agentGrain.Observer!.OnReplaced();

        var failure = await agent.FailureAsync("the replaced stream to end");
        Assert.Equal((StatusCode.Aborted, "replaced by a newer connection"), (failure.StatusCode, failure.Status.Detail));
        Assert.DoesNotContain("SignOff", agentGrain.Calls.All);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task ResumeFromACursorOutsideTheConversation_IsOutOfRange(long lastSeq)
    {
        using var harness = new StreamHarness();
        using var customer = await harness.StartCustomerAsync();
        harness.Grains.FakeConversation("c1").Store("the only message");

        customer.Requests.Add(new CustomerCommand
        {
            Hello = new CustomerHello
            {
                Name = "Bob",
                Resume = new ResumeSession
                {
                    CustomerId = "customer-1", ConversationId = "c1", LastSeq = lastSeq, SessionToken = harness.Tokens.Issue("customer-1", "c1"),
                },
            },
        });

        var failure = await customer.FailureAsync("the resume to be refused");
        Assert.Equal((StatusCode.OutOfRange, $"cursor {lastSeq} is out of range for conversation c1: it must be from 0 to 1 (its last seq)."),
            (failure.StatusCode, failure.Status.Detail));
    }

    [Fact]
    public async Task AgentCursorPastItsConversationsEnd_EndsTheStreamOutOfRange()
    {
        using var harness = new StreamHarness();
        harness.Grains.FakeAgent("ada").OpenConversations.Add("c1");
        harness.Grains.FakeConversation("c1").Store("the only message");
        using var agent = harness.StartAgent();

        agent.Requests.Add(new AgentCommand { Hello = new AgentHello { Name = "Ada", Cursors = { ["c1"] = 2 } } });

        var failure = await agent.FailureAsync("the stream to end at the cursor");
        Assert.Equal((StatusCode.OutOfRange, "cursor 2 is out of range for conversation c1: it must be from 0 to 1 (its last seq)."),
            (failure.StatusCode, failure.Status.Detail));
    }

    [Fact]
    public async Task HelloWithMoreCursorsThanTheLimit_IsRefusedOnce_WithInvalidArgument()
    {
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();
        var hello = new AgentHello { Name = "Ada" };
        for (var i = 0; i < 101; i++)
        {
            hello.Cursors[$"c{i}"] = 0;
        }

        agent.Requests.Add(new AgentCommand { Hello = hello });

        var failure = await agent.FailureAsync("the hello to be refused");
        Assert.Equal((StatusCode.InvalidArgument, "hello names 101 conversations; the limit is 100."), (failure.StatusCode, failure.Status.Detail));
        Assert.False(agent.Responses.Frames.TryRead(out _), "no event before the refusal");
        Assert.Empty(harness.Grains.FakeAgent("ada").Calls.All);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(-5)]
    public async Task SetStatusOutsideAvailableAndAway_IsInvalidArgument_AndTheStreamGoesOn(int status)
    {
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();
        agent.Requests.Add(StreamHarness.AgentHello());
        var ready = (await agent.WaitForAsync(EventCase.Ready)).Ready;

        agent.Requests.Add(new AgentCommand { Status = new SetStatus { Status = (AgentStatus)status } });

        var error = (await agent.WaitForAsync(EventCase.Error)).Error;
        Assert.Equal(("InvalidArgument", "status must be available or away."), (error.Code, error.Message));
        agent.Requests.Add(new AgentCommand { Status = new SetStatus { Status = AgentStatus.Away } });
        Assert.Equal(AgentStatus.Away, (await agent.WaitForAsync(EventCase.Ready)).Ready.Status);
        Assert.Equal(["SetStatus(False, 0)"], harness.Grains.FakeAgent(ready.AgentId).Calls.All.Where(c => c.StartsWith("SetStatus", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadSeqBelowOne_IsAnOutOfRangeError_NotRelayed()
    {
        using var harness = new StreamHarness();
        using var customer = await harness.StartCustomerAsync();
        customer.Requests.Add(StreamHarness.CustomerHello());
        var welcome = (await customer.WaitForAsync(EventCase.Welcome)).Welcome;

        customer.Requests.Add(new CustomerCommand { Read = new MarkRead { Seq = 0 } });

        var error = (await customer.WaitForAsync(EventCase.Error)).Error;
        Assert.Equal(("OutOfRange", welcome.ConversationId), (error.Code, error.ConversationId));
        Assert.Equal($"read seq 0 is out of range for conversation {welcome.ConversationId}: it must be from 1 to the conversation's last seq.",
            error.Message);
        Assert.False(harness.Grains.FakeConversation(welcome.ConversationId).Calls.Contains("Signal("));
    }
}
