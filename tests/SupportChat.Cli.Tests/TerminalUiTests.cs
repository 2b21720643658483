using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>
/// The full-screen interface as people use it: the real CLI in tmux, keys typed in, the screen read back. An agent
/// juggles three customers (one of them in its own full-screen interface, two scripted) and never mixes them up;
/// the customer rates the conversation at the end and history shows it.
/// </summary>
public sealed class TerminalUiTests : IAsyncLifetime
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
    public async Task An_agent_juggles_three_customers_in_the_full_screen_interface()
    {
        await using var agent = await TmuxScreen.StartAsync(_socket, "agent", 140, 32, "agent", "--name", "Ada", "--capacity", "3", "--server", _server.Url);
        await agent.WaitForTextAsync("Ada · available · 0/3 open · waiting: general 0");
        await using var bob = await TmuxScreen.StartAsync(_socket, "bob", 100, 24, "customer", "--name", "Bob", "--server", _server.Url,
            "--session", Path.Combine(CliProcess.StateDirectory, $"tui-{Guid.NewGuid():N}.json"));
        await bob.WaitForTextAsync("Connected to Ada");
        await agent.WaitForTextAsync("▶ Bob · general"); // the only conversation is selected at once

        await bob.TypeAsync("my order is late");
        await agent.WaitForTextAsync("Bob: my order is late");
        await agent.TypeAsync("let me check that");
        await bob.WaitForTextAsync("Ada: let me check that");
        await bob.WaitForTextAsync("Bob (you): my order is late");

        await using var carol = CliProcess.Start("customer", "--name", "Carol", "--server", _server.Url, "--json", "--new");
        await carol.WaitForTypeAsync("assigned");
        await using var dave = CliProcess.Start("customer", "--name", "Dave", "--server", _server.Url, "--json", "--new");
        await dave.WaitForTypeAsync("assigned");
        await using var erin = CliProcess.Start("customer", "--name", "Erin", "--server", _server.Url, "--json", "--new");
        await erin.WaitForTypeAsync("queued");
        await agent.WaitForTextAsync("3/3 open · waiting: general 1");
        await carol.SendAsync(Send("my card was declined"));
        await dave.SendAsync(Send("where is my refund?"));
        await agent.WaitForAsync(s => s.Contains("NEW (1) Carol", StringComparison.Ordinal) && s.Contains("NEW (1) Dave", StringComparison.Ordinal),
            "Carol and Dave flagged new, each with an unread message");

        await agent.PressAsync("F3");
        await agent.WaitForTextAsync("Carol: my card was declined");
        await agent.TypeAsync("which card?");
        await agent.PressAsync("F3");
        await agent.WaitForTextAsync("Dave: where is my refund?");
        await agent.TypeAsync("on its way");
        await agent.PressAsync("F3");
        await agent.WaitForTextAsync("Bob: my order is late");
        await agent.TypeAsync("found it: it ships today");

        await carol.WaitForJsonAsync(o => IsMessage(o, "agent", "which card?"), "the reply meant for Carol");
        await dave.WaitForJsonAsync(o => IsMessage(o, "agent", "on its way"), "the reply meant for Dave");
        var bobsScreen = await bob.WaitForTextAsync("Ada: found it: it ships today");
        Assert.DoesNotContain("which card?", bobsScreen, StringComparison.Ordinal);
        Assert.DoesNotContain("on its way", bobsScreen, StringComparison.Ordinal);
        Assert.DoesNotContain(carol.Lines, l => l.Contains("on its way", StringComparison.Ordinal) || l.Contains("ships today", StringComparison.Ordinal));
        Assert.DoesNotContain(dave.Lines, l => l.Contains("which card?", StringComparison.Ordinal) || l.Contains("ships today", StringComparison.Ordinal));

        await bob.PressAsync("F8");
        await bob.WaitForTextAsync("How did we do?");
        await bob.TypeAsync("4 quick and kind");
        await bob.WaitForExitAsync();
        // Bob's seat goes to the customer who waited (the notice line then tells of her, not of Bob's end).
        await erin.WaitForTypeAsync("assigned");
        await agent.WaitForAsync(s => !s.Contains("Bob · general", StringComparison.Ordinal) && s.Contains("NEW Erin", StringComparison.Ordinal)
            && s.Contains("3/3 open · waiting: general 0", StringComparison.Ordinal), "Bob gone, Erin new, nobody waiting");
        Assert.Contains("Thank you: you rated this conversation 4/5.", await bob.CaptureAsync(), StringComparison.Ordinal);
        await using var history = CliProcess.Start("history", "--server", _server.Url, "--json");
        await history.WaitForExitAsync();
        var bobs = history.Lines.Select(l => JsonNode.Parse(l)!.AsObject()).Single(o => (string?)o["customer"] == "Bob");
        Assert.Equal((4, "quick and kind"), ((int)bobs["rating"]!, (string)bobs["comment"]!));

        await agent.PressAsync("F10");
        await agent.WaitForExitAsync();
    }

    private static string Send(string text) => new JsonObject { ["type"] = "send", ["text"] = text }.ToJsonString();

    private static bool IsMessage(JsonObject o, string from, string text) =>
        (string?)o["type"] == "message" && (string?)o["from"] == from && (string?)o["text"] == text;
}
