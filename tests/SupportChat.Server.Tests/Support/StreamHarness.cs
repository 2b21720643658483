using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Metrics;
using SupportChat.Server.Security;
using SupportChat.Server.Streams;
using SupportChat.Server.Streams.Participants;
using SupportChat.Server.Streams.Sessions;
using SupportChat.Server.Tests.Fakes;

namespace SupportChat.Server.Tests.Support;

/// <summary>
/// The stream runner with both roles, wired as the server wires them but on fake grains, a loopback server without
/// accounts (agents sign in by name) and a host lifetime the test can stop. Each stream gets its own request reader,
/// recording response writer and call context.
/// </summary>
internal sealed class StreamHarness : IDisposable
{
    private readonly TestLifetime _lifetime = new();

    /// <param name="options">The chat options (defaults otherwise).</param>
    /// <param name="time">The participants' clock (rate limits, notices); the system's otherwise.</param>
    public StreamHarness(ChatOptions? options = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var chat = Options.Create(options ?? new ChatOptions());
        var departments = new DepartmentCatalog(chat);
        Tokens = new SessionTokens(new FixedSecretStore(), chat, TimeProvider.System);
        Sessions = new OpenSessions();
        Runner = new ParticipantStreamRunner(new SessionFactory(Grains, Sessions, chat, NullLogger<ParticipantSession>.Instance, SupportChatMetrics.Unobserved),
            new JoinLimiter(chat, TimeProvider.System, SupportChatMetrics.Unobserved, NullLogger<JoinLimiter>.Instance), _lifetime, NullLogger<ParticipantStreamRunner>.Instance);
        Customers = new CustomerRole(Grains, departments, Tokens, chat, time, NullLogger<CustomerRole>.Instance);
        var authenticator = new AgentAuthenticator(new NoAccounts(), new ListenFacts(LoopbackOnly: true, []), departments, chat);
        Agents = new AgentRole(Grains, departments, authenticator, chat, time, NullLogger<AgentRole>.Instance);
    }

    public FakeChatGrains Grains { get; } = new();

    public OpenSessions Sessions { get; }

    public SessionTokens Tokens { get; }

    public ParticipantStreamRunner Runner { get; }

    public CustomerRole Customers { get; }

    public AgentRole Agents { get; }

    public static CustomerCommand CustomerHello(string name = "Bob") => new() { Hello = new CustomerHello { Name = name } };

    public static AgentCommand AgentHello(string name = "Ada") => new() { Hello = new AgentHello { Name = name } };

    public static CustomerCommand CustomerSend(string clientMsgId, string text) =>
        new() { Send = new SendMessage { ClientMsgId = clientMsgId, Text = text } };

    public static CustomerCommand CustomerEnd() => new() { End = new EndConversation() };

    public static AgentCommand AgentSignOff() => new() { SignOff = new SignOff() };

    public async Task<StreamUnderTest<CustomerCommand>> StartCustomerAsync()
    {
        await Tokens.InitializeAsync(CancellationToken.None).WithTimeout("the session-token key");
        return new StreamUnderTest<CustomerCommand>(this, Customers);
    }

    public StreamUnderTest<AgentCommand> StartAgent() => new(this, Agents);

    /// <summary>The server begins to shut down.</summary>
    public void StopServer() => _lifetime.StopApplication();

    public void Dispose() => _lifetime.Dispose();
}

/// <summary>One stream through the runner: the test writes commands, reads events and ends the call.</summary>
internal sealed class StreamUnderTest<TCommand> : IDisposable
    where TCommand : class
{
    private readonly CancellationTokenSource _call = new();
    private readonly List<ServerEvent> _seen = [];

    public StreamUnderTest(StreamHarness harness, IParticipantRole<TCommand> role)
    {
        Run = harness.Runner.RunAsync(role, Requests, Responses, TestServerCallContext.Create(_call.Token));
    }

    public TestAsyncStreamReader<TCommand> Requests { get; } = new();

    public TestServerStreamWriter Responses { get; } = new();

    /// <summary>The call as the service sees it: done when the runner is.</summary>
    public Task Run { get; }

    /// <summary>The connection drops: gRPC cancels the call.</summary>
    public void Drop() => _call.Cancel();

    /// <summary>The next event of the given kind; events of other kinds before it are skipped.</summary>
    public async Task<ServerEvent> WaitForAsync(ServerEvent.EventOneofCase kind)
    {
        while (true)
        {
            while (_seen.Count > 0)
            {
                var next = _seen[0];
                _seen.RemoveAt(0);
                if (next.EventCase == kind)
                {
                    return next;
                }
            }

            var frame = await Responses.Frames.NextAsync($"a {kind} event");
            _seen.AddRange(frame.Event.EventCase == ServerEvent.EventOneofCase.Batch ? frame.Event.Batch.Events : [frame.Event]);
        }
    }

    /// <summary>The call's outcome: the status it ended with, if it ended with one.</summary>
    public async Task<RpcException> FailureAsync(string what) =>
        await Assert.ThrowsAsync<RpcException>(() => Run.WithTimeout(what));

    /// <summary>A test that failed half-way leaves no stream running.</summary>
    public void Dispose()
    {
        _call.Cancel();
        _call.Dispose();
    }
}
