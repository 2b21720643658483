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

    [Fact]
    public async Task At_80_columns_the_key_hints_fit_and_list_entries_are_elided_cleanly()
    {
        await using var agent = await TmuxScreen.StartAsync(_socket, "agent", 80, 24, "agent", "--name", "Ada", "--server", _server.Url);
        await agent.WaitForTextAsync("Ada · available");
        await using var bart = CliProcess.Start("customer", "--name", "Bartholomew Fitzgerald", "--server", _server.Url, "--json", "--new");
        await bart.WaitForTypeAsync("assigned");
        await using var max = CliProcess.Start("customer", "--name", "Maximilian Oppenheimer", "--server", _server.Url, "--json", "--new");
        await max.WaitForTypeAsync("assigned");

        var screen = await agent.WaitForTextAsync("Maximilian");
        var rows = screen.Split('\n');

        var bottom = rows.Last(r => r.Contains("Ada · available", StringComparison.Ordinal));
        Assert.Contains("F1 help", bottom, StringComparison.Ordinal);
        foreach (var name in new[] { "Bartholomew Fitzgerald", "Maximilian Oppenheimer" })
        {
            // The list is the left pane: the row's text between the pane's borders (the first such row: the
            // notice and target lines under the panes name the customers too).
            var entry = rows.Where(r => !r.Contains('╭', StringComparison.Ordinal))
                .Select(r => r.Split('│', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(c => c.Contains(name[..10], StringComparison.Ordinal)))
                .First(e => e is not null)!.TrimEnd();
            Assert.True(entry.Contains(name, StringComparison.Ordinal) || entry.EndsWith('…'), $"cut mid-word: \"{entry}\"");
        }
    }
}
