using SupportChat.Client.Events;
using SupportChat.Client.Tests.Fakes;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Tests.Delivery;

/// <summary>Leaving is a command: the server takes a request stream that merely ends as a drop (and waits for the
/// participant to come back), so the session says it is leaving before it closes its side.</summary>
public sealed class LeaveTests
{
    [Fact]
    public async Task Customer_leaves_by_ending_its_conversation_then_closes_its_side()
    {
        await using var session = SessionHarness.Customer(servers: 1);
        var call = await session.Role.NextCallAsync("the stream");
        call.Responses.Push(Wire.Welcome());
        await session.Stream.StartAsync(CancellationToken.None).Within("the welcome");

        var leaving = session.Stream.LeaveAsync(CancellationToken.None);

        await call.Requests.NextAsync("the hello");
        Assert.Equal(CustomerCommand.CommandOneofCase.End, (await call.Requests.NextAsync("the leave command")).CommandCase);
        await call.Requests.Completed.Within("the request stream to complete");
        call.Responses.End();
        await leaving.Within("leaving");
    }

    [Fact]
    public async Task Agent_leaves_by_signing_off_then_closes_its_side()
    {
        await using var session = SessionHarness.Agent(servers: 1);
        var call = await session.Role.NextCallAsync("the stream");
        call.Responses.Push(Wire.Ready());
        await session.Stream.StartAsync(CancellationToken.None).Within("the ready");

        var leaving = session.Stream.LeaveAsync(CancellationToken.None);

        await call.Requests.NextAsync("the hello");
        Assert.Equal(AgentCommand.CommandOneofCase.SignOff, (await call.Requests.NextAsync("the leave command")).CommandCase);
        await call.Requests.Completed.Within("the request stream to complete");
        call.Responses.End();
        await leaving.Within("leaving");
    }

    [Fact]
    public async Task Leaving_a_session_the_server_already_closed_completes_quietly()
    {
        await using var session = SessionHarness.Customer(servers: 1);
        var call = await session.Role.NextCallAsync("the stream");
        call.Responses.Push(Wire.Welcome(), Wire.Ended());
        await session.Stream.StartAsync(CancellationToken.None).Within("the welcome");
        call.Responses.End();
        Assert.Equal("OK", Assert.IsType<StreamClosed>((await session.Stream.Events.RestAsync("the end of the events"))[^1]).Code);

        await session.Stream.LeaveAsync(CancellationToken.None).Within("leaving after the end");
    }
}
