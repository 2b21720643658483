using Grpc.Net.Client;
using SupportChat.Client.Delivery;
using SupportChat.Client.Sessions;
using SupportChat.Protocol.V1;
using SenderRole = SupportChat.Client.Events.SenderRole;

namespace SupportChat.Client.Tests.Fakes;

/// <summary>A session put together as production does (<see cref="ChatSession.Connect{TCommand}"/>) over fake
/// calls, a fake clock and servers that are never dialled.</summary>
internal sealed class SessionHarness<TCommand> : IAsyncDisposable
    where TCommand : class
{
    private readonly GrpcChannel[] _channels;

    internal SessionHarness(int servers, Func<ResumeState, ISessionRole<TCommand>> role, SenderRole ownRole, string ownName, ResumeState resume,
        bool timersWait)
    {
        Time = new FakeTime(timersWait);
        Addresses = [.. Enumerable.Range(0, servers).Select(i => new Uri($"http://server{i}.test"))];
        _channels = [.. Addresses.Select(GrpcChannel.ForAddress)];
        Resume = resume;
        Role = new ScriptedRole<TCommand>(role(resume), Time);
        (Stream, Sends) = ChatSession.Connect([.. Addresses.Zip(_channels)], Role, ownRole, ownName, resume, Time);
    }

    /// <summary>The session's clock; with <c>timersWait</c> its timers (back-offs) wait for the test to fire them.</summary>
    public FakeTime Time { get; }

    public IReadOnlyList<Uri> Addresses { get; }

    public ResumeState Resume { get; }

    public ScriptedRole<TCommand> Role { get; }

    public ReconnectingStream<TCommand> Stream { get; }

    public SendPipeline<TCommand> Sends { get; }

    /// <summary>The server a call was opened on.</summary>
    public Uri AddressOf(FakeCall<TCommand> call) => Addresses[Array.IndexOf(_channels, call.Channel)];

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}

/// <summary>Sessions over fake calls, for a customer or an agent.</summary>
internal static class SessionHarness
{
    public static SessionHarness<CustomerCommand> Customer(int servers = 2, CustomerResume? resumed = null, bool timersWait = false) =>
        new SessionHarness<CustomerCommand>(servers, resume => new CustomerRole(new CustomerJoin("Bob", "support", resumed), resume), SenderRole.Customer, "Bob",
            new ResumeState(resumed), timersWait);

    public static SessionHarness<AgentCommand> Agent(int servers = 2, bool timersWait = false) =>
        new SessionHarness<AgentCommand>(servers, resume => new AgentRole(new AgentSignIn("Ada", ["support"]), resume), SenderRole.Agent, "Ada",
            new ResumeState(), timersWait);
}
