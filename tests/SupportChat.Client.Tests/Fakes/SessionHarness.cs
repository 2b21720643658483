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

    internal SessionHarness(int servers, Func<ResumeState, ISessionRole<TCommand>> role, SenderRole ownRole, string ownName, ResumeState resume)
    {
        Addresses = [.. Enumerable.Range(0, servers).Select(i => new Uri($"http://server{i}.test"))];
        _channels = [.. Addresses.Select(GrpcChannel.ForAddress)];
        Resume = resume;
        Role = new ScriptedRole<TCommand>(role(resume), Time);
        (Stream, Sends) = ChatSession.Connect([.. Addresses.Zip(_channels)], Role, ownRole, ownName, resume, Time);
    }

    public FakeTime Time { get; } = new();

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
    public static SessionHarness<CustomerCommand> Customer(int servers = 2, CustomerResume? resumed = null) =>
        new SessionHarness<CustomerCommand>(servers, resume => new CustomerRole(new CustomerJoin("Bob", "support", resumed), resume), SenderRole.Customer, "Bob", new ResumeState(resumed));

    public static SessionHarness<AgentCommand> Agent(int servers = 2) =>
        new SessionHarness<AgentCommand>(servers, resume => new AgentRole(new AgentSignIn("Ada", ["support"]), resume), SenderRole.Agent, "Ada", new ResumeState());
}
