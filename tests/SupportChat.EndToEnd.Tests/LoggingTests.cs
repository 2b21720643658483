using Microsoft.Extensions.Logging;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>What operators read: a client that cancels or resets its stream is routine, logged at Debug without a stack
/// trace, never as the server's failure.</summary>
public sealed class LoggingTests : IAsyncLifetime
{
    private readonly RecordingLoggerProvider _log = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartWithAsync(
        new Dictionary<string, string?> { ["Logging:LogLevel:SupportChat"] = "Debug" },
        builder => builder.Logging.AddProvider(_log));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Streams_the_clients_cancel_mid_chat_are_logged_at_debug_without_a_stack_trace()
    {
        var startup = _log.Entries.Count; // e.g. the open-mode warning
        using var channel = Wire.Channel(_server);
        var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello("Ada", 1));
        var agentId = (await agent.WaitForAsync(Kind.Ready, "ready")).Ready.AgentId;
        var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Bob"));
        var welcome = (await customer.WaitForAsync(Kind.Welcome, "welcome")).Welcome;
        var conversationId = (await customer.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;

        // The customer goes while the agent writes to it; then the agent goes while the server writes to it.
        for (var i = 0; i < 20; i++)
        {
            await agent.SendAsync(Wire.AgentSend($"line {i}", conversationId));
        }

        await customer.DisposeAsync();
        for (var i = 0; i < 20; i++)
        {
            await agent.SendAsync(Wire.AgentSend($"more {i}", conversationId));
        }

        await agent.DisposeAsync();

        await _log.WaitForAsync(e => e.Message == $"Customer stream closed for {welcome.CustomerId}", "the customer's stream to close");
        await _log.WaitForAsync(e => e.Message == $"Agent stream closed for {agentId}", "the agent's stream to close");
        string[] ours = ["SupportChat", "Grpc", "Microsoft.AspNetCore"];
        var loud = _log.Entries.Skip(startup)
            .Where(e => ours.Any(prefix => e.Category.StartsWith(prefix, StringComparison.Ordinal)))
            .Where(e => e.Level >= LogLevel.Warning || (e.Level >= LogLevel.Information && e.Exception is not null))
            .ToList();
        Assert.True(loud.Count == 0, "logged as a failure: " + string.Join(" | ", loud));
        Assert.All(_log.Entries.Where(e => e.EventId == 2017), e => Assert.Equal((LogLevel.Debug, null), (e.Level, e.Exception)));
    }
}
