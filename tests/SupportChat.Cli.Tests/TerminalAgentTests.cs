using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>The agent's full-screen interface in a real terminal (tmux), with scripted customers.</summary>
public sealed class TerminalAgentTests : IAsyncLifetime
{
    private readonly string _socket = "supportchat-test-" + Guid.NewGuid().ToString("N")[..8];
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync("general", "billing");

    public async Task DisposeAsync()
    {
        await TmuxScreen.KillServerAsync(_socket);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_conversation_transferred_back_to_the_same_agent_shows_its_whole_transcript()
    {
        await using var agent = await TmuxScreen.StartAsync(_socket, "agent", 120, 30, "agent", "--name", "Ada",
            "--department", "general", "--department", "billing", "--capacity", "1", "--server", _server.Url);
        await agent.WaitForTextAsync("Ada · available · 0/1 open");
        await using var bob = CliProcess.Start("customer", "--name", "Bob", "--department", "general", "--server", _server.Url, "--json", "--new");
        await bob.WaitForTypeAsync("assigned");
        await bob.SendAsync(new JsonObject { ["type"] = "send", ["text"] = "I was charged twice" }.ToJsonString());
        await agent.WaitForTextAsync("Bob: I was charged twice");
        await agent.TypeAsync("let me look");
        await bob.WaitForJsonAsync(o => (string?)o["text"] == "let me look", "the agent's reply");

        await agent.PressAsync("F6"); // billing is the only other department
        await agent.WaitForTextAsync("Transfer Bob to: [billing]");
        await agent.PressAsync("Enter");

        // Ada is the only agent of billing and has room again: Bob comes straight back to her.
        await agent.WaitForAsync(s => s.Contains("Bob · billing", StringComparison.Ordinal)
            && s.Contains("Bob: I was charged twice", StringComparison.Ordinal)
            && s.Contains("Ada (you): let me look", StringComparison.Ordinal)
            && s.Contains("Ada transferred this conversation to billing.", StringComparison.Ordinal), "the whole transcript after the transfer");
    }
}
