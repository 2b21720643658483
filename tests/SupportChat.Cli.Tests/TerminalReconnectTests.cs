using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>The customer's full-screen interface while its server restarts: what the status line says, and what
/// happens to a message typed meanwhile.</summary>
public sealed class TerminalReconnectTests : IAsyncLifetime
{
    private readonly string _socket = "supportchat-test-" + Guid.NewGuid().ToString("N")[..8];
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        await TmuxScreen.KillServerAsync(_socket);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_message_typed_while_offline_shows_at_once_as_pending_and_the_status_line_follows_the_reconnect()
    {
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--server", _server.Url, "--json");
        await agent.WaitForTypeAsync("ready");
        await using var customer = await TmuxScreen.StartAsync(_socket, "customer", 100, 24, "customer", "--name", "Bob", "--server", _server.Url,
            "--session", Path.Combine(CliProcess.StateDirectory, $"tui-{Guid.NewGuid():N}.json"));
        await customer.WaitForTextAsync("Connected to Ada");

        await _server.StopAsync();
        await customer.WaitForTextAsync("reconnecting");
        await customer.TypeAsync("are you still there?");
        await customer.WaitForTextAsync("Bob (you, not sent yet): are you still there?");

        await _server.StartAgainAsync();
        await agent.WaitForJsonAsync(o => (string?)o["text"] == "are you still there?", "the message sent after the reconnect");
        var screen = await customer.WaitForTextAsync("Bob (you): are you still there?");
        await customer.WaitForAsync(s => s.Contains("Connected to Ada.", StringComparison.Ordinal)
            && !s.Contains("Asking", StringComparison.Ordinal) && !s.Contains("reconnecting", StringComparison.Ordinal), "the status line after the reconnect");
        Assert.DoesNotContain("not sent yet", screen, StringComparison.Ordinal);
    }
}
