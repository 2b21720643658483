using Grpc.Core;
using Orleans.Runtime;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Tests.Support;
using EventCase = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.Server.Tests.Streams;

public sealed class ParticipantStreamRunnerTests
{
    [Fact]
    public async Task FirstCommandThatIsNotHello_IsInvalidArgument()
    {
        using var harness = new StreamHarness();
        using var customer = await harness.StartCustomerAsync();

        customer.Requests.Add(StreamHarness.CustomerSend("s1", "hi"));

        var failure = await customer.FailureAsync("the stream to be refused");
        Assert.Equal((StatusCode.InvalidArgument, "the first command on a stream must be hello."), (failure.StatusCode, failure.Status.Detail));
        Assert.Empty(harness.Grains.Conversations);
    }

    [Fact]
    public async Task StreamThatEndsBeforeItsHello_IsInvalidArgument()
    {
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();

        agent.Requests.Complete();

        var failure = await agent.FailureAsync("the stream to be refused");
        Assert.Equal((StatusCode.InvalidArgument, "the stream ended before its hello."), (failure.StatusCode, failure.Status.Detail));
    }

    [Fact]
    public async Task HelloThatBreaksARule_IsRefusedWithItsCode()
    {
        using var harness = new StreamHarness();
        using var customer = await harness.StartCustomerAsync();

        customer.Requests.Add(new CustomerCommand { Hello = new CustomerHello { Name = "Bob", Department = "nowhere" } });

        var failure = await customer.FailureAsync("the hello to be refused");
        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith("unknown department 'nowhere'", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomerWhoEndsTheConversation_Leaves_AndTheCallEndsOkAfterTheEnded()
    {
        using var harness = new StreamHarness();
        using var customer = await harness.StartCustomerAsync();
        customer.Requests.Add(StreamHarness.CustomerHello());
        var welcome = (await customer.WaitForAsync(EventCase.Welcome)).Welcome;
        var conversation = harness.Grains.FakeConversation(welcome.ConversationId);

        customer.Requests.Add(StreamHarness.CustomerEnd());

        Assert.Equal(EventCase.Ended, (await customer.WaitForAsync(EventCase.Ended)).EventCase);
        await customer.Run.WithTimeout("the customer's stream to end OK after leaving");
        Assert.True(conversation.Calls.Contains($"End({welcome.CustomerId}, customer ended the conversation)"));
        Assert.False(conversation.Calls.Contains("CustomerDisconnected"));
    }

    [Fact]
    public async Task CustomerWhoClosesTheRequestSide_HasDropped_AndTheCallEndsOk()
    {
        using var harness = new StreamHarness();
        using var customer = await harness.StartCustomerAsync();
        customer.Requests.Add(StreamHarness.CustomerHello());
        var welcome = (await customer.WaitForAsync(EventCase.Welcome)).Welcome;
        var conversation = harness.Grains.FakeConversation(welcome.ConversationId);

        customer.Requests.Complete();

        await customer.Run.WithTimeout("the customer's stream to end OK after the half-close");
        Assert.True(conversation.Calls.Contains("CustomerDisconnected"));
        Assert.False(conversation.Calls.Contains("End("));
    }

    [Fact]
    public async Task CustomerWhoseCallDrops_IsDisconnected_NotLeaving()
    {
        using var harness = new StreamHarness();
        using var customer = await harness.StartCustomerAsync();
        customer.Requests.Add(StreamHarness.CustomerHello());
        var welcome = (await customer.WaitForAsync(EventCase.Welcome)).Welcome;
        var conversation = harness.Grains.FakeConversation(welcome.ConversationId);

        customer.Drop();

        // Nobody is left to tell: the call just ends (a client's cancel is not the server's failure).
        await customer.Run.WithTimeout("the dropped stream to end");
        Assert.True(conversation.Calls.Contains("CustomerDisconnected"));
        Assert.False(conversation.Calls.Contains("End("));
        Assert.True(conversation.Calls.Contains($"Unsubscribe({welcome.CustomerId})"));
    }

    [Fact]
    public async Task AgentWhoSignsOff_Leaves_AndTheCallEndsOk()
    {
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();
        agent.Requests.Add(StreamHarness.AgentHello());
        var ready = (await agent.WaitForAsync(EventCase.Ready)).Ready;

        agent.Requests.Add(StreamHarness.AgentSignOff());

        await agent.Run.WithTimeout("the agent's stream to end OK after signing off");
        Assert.Equal([$"SignIn({ready.AgentId})", "SignOff"], harness.Grains.FakeAgent(ready.AgentId).Calls.All);
    }

    [Fact]
    public async Task AgentWhoClosesTheRequestSide_IsDisconnected_NotSignedOff()
    {
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();
        agent.Requests.Add(StreamHarness.AgentHello());
        var ready = (await agent.WaitForAsync(EventCase.Ready)).Ready;

        agent.Requests.Complete();

        await agent.Run.WithTimeout("the agent's stream to end OK after the half-close");
        Assert.Equal([$"SignIn({ready.AgentId})", "Disconnected"], harness.Grains.FakeAgent(ready.AgentId).Calls.All);
    }

    [Fact]
    public async Task AgentWhoseCallDrops_IsDisconnected_NotSignedOff()
    {
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();
        agent.Requests.Add(StreamHarness.AgentHello());
        var ready = (await agent.WaitForAsync(EventCase.Ready)).Ready;

        agent.Drop();

        await agent.Run.WithTimeout("the dropped stream to end");
        Assert.Equal([$"SignIn({ready.AgentId})", "Disconnected"], harness.Grains.FakeAgent(ready.AgentId).Calls.All);
    }

    [Fact]
    public async Task ServerThatStops_ClosesTheStreamUnavailable_AsADisconnect()
    {
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();
        agent.Requests.Add(StreamHarness.AgentHello());
        var ready = (await agent.WaitForAsync(EventCase.Ready)).Ready;

        harness.StopServer();

        var failure = await agent.FailureAsync("the stream to close as the server stops");
        Assert.Equal((StatusCode.Unavailable, "the server is shutting down."), (failure.StatusCode, failure.Status.Detail));
        Assert.True(harness.Grains.FakeAgent(ready.AgentId).Calls.Contains("Disconnected"));
    }

    [Fact]
    public async Task ClientThatDoesNotRead_IsCutOffUnavailable()
    {
        using var harness = new StreamHarness(new ChatOptions { OutboundQueueSize = 16 });
        using var agent = harness.StartAgent();
        agent.Responses.Hold();
        agent.Requests.Add(StreamHarness.AgentHello());
        await agent.Responses.WriteHeld.WithTimeout("the writer loop to be stuck writing the ready event");

        // The session's inbox takes 16 events; the seventeenth finds it full.
        for (var i = 0; i < 17; i++)
        {
            agent.Requests.Add(new AgentCommand { Hello = new AgentHello() });
        }

        var failure = await agent.FailureAsync("the stream to be cut off");
        Assert.Equal((StatusCode.Unavailable, "the client did not read its events in time; reconnect to resume."),
            (failure.StatusCode, failure.Status.Detail));
    }

    [Fact]
    public async Task SecondHello_IsAnErrorEvent_AndTheStreamGoesOn()
    {
        using var harness = new StreamHarness();
        using var customer = await harness.StartCustomerAsync();
        customer.Requests.Add(StreamHarness.CustomerHello());
        await customer.WaitForAsync(EventCase.Welcome);

        customer.Requests.Add(StreamHarness.CustomerHello());

        var error = (await customer.WaitForAsync(EventCase.Error)).Error;
        Assert.Equal(("FailedPrecondition", "hello was already received on this stream."), (error.Code, error.Message));
        customer.Requests.Complete();
        await customer.Run.WithTimeout("the customer's stream to end after the half-close");
    }

    [Fact]
    public async Task RefreshAfterANodeDied_SignsTheAgentInAgain_WithTheAvailabilityItLastChose()
    {
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();
        agent.Requests.Add(StreamHarness.AgentHello());
        var ready = (await agent.WaitForAsync(EventCase.Ready)).Ready;
        agent.Requests.Add(new AgentCommand { Status = new SetStatus { Status = AgentStatus.Away } });
        Assert.Equal(AgentStatus.Away, (await agent.WaitForAsync(EventCase.Ready)).Ready.Status);

        harness.Sessions.RefreshAll();

        var agentGrain = harness.Grains.FakeAgent(ready.AgentId);
        Assert.Equal($"Reattach({ready.AgentId}, available: False)", await agentGrain.Calls.WaitForAsync("Reattach("));
        agent.Requests.Complete();
        await agent.Run.WithTimeout("the agent's stream to end after the half-close");
    }

    [Fact]
    public async Task RefreshAfterANodeDied_ThatCannotReachTheAgentsGrainYet_IsTriedAgainWellBeforeTheNextPeriodicRefresh()
    {
        // The periodic refresh is a minute away (the default interval): only a retry signs the agent in again in time.
        using var harness = new StreamHarness();
        using var agent = harness.StartAgent();
        agent.Requests.Add(StreamHarness.AgentHello());
        var ready = (await agent.WaitForAsync(EventCase.Ready)).Ready;
        var agentGrain = harness.Grains.FakeAgent(ready.AgentId);
        agentGrain.ReattachFailures.Enqueue(new SiloUnavailableException());

        harness.Sessions.RefreshAll();

        await agentGrain.Calls.WaitForAsync("Reattach failed(");
        Assert.Equal($"Reattach({ready.AgentId}, available: True)", await agentGrain.Calls.WaitForAsync("Reattach("));
        agent.Requests.Complete();
        await agent.Run.WithTimeout("the agent's stream to end after the half-close");
    }
}
