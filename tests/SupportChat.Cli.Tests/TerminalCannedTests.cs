using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>Canned replies in the agent's full-screen interface, in a real terminal (tmux), with a scripted customer.</summary>
public sealed class TerminalCannedTests : IAsyncLifetime
{
    private readonly string _socket = "supportchat-test-" + Guid.NewGuid().ToString("N")[..8];
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync("general");
        await using var hello = CliProcess.Start("canned", "add", "hello", "Hello {customer}, {agent} here. How can I help?", "--server", _server.Url);
        Assert.Equal(0, await hello.WaitForExitAsync());
        await using var refund = CliProcess.Start("canned", "add", "refund", "Refunds take 5 working days.", "--server", _server.Url);
        Assert.Equal(0, await refund.WaitForExitAsync());
    }

    public async Task DisposeAsync()
    {
        await TmuxScreen.KillServerAsync(_socket);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Slash_shortcut_and_Tab_expands_in_the_input_line_for_editing_and_Enter_sends_it_to_the_customer()
    {
        await using var agent = await TmuxScreen.StartAsync(_socket, "agent", 120, 30, "agent", "--name", "Ada", "--server", _server.Url);
        await agent.WaitForTextAsync("Ada · available");
        await using var bob = CliProcess.Start("customer", "--name", "Bob", "--server", _server.Url, "--json", "--new");
        await bob.WaitForTypeAsync("assigned");
        await agent.WaitForTextAsync("To Bob (general)");

        await agent.TypeAsync("/hello", enter: false);
        await agent.PressAsync("Tab");
        await agent.WaitForTextAsync("> Hello Bob, Ada here. How can I help?");

        // Edited before it goes: the caret is at the end of the reply.
        await agent.TypeAsync(" :)", enter: false);
        await agent.WaitForTextAsync("> Hello Bob, Ada here. How can I help? :)");
        await agent.PressAsync("Enter");

        await bob.WaitForJsonAsync(o => (string?)o["type"] == "message" && (string?)o["text"] == "Hello Bob, Ada here. How can I help? :)",
            "the edited canned reply at the customer");
    }

    [Fact]
    public async Task An_unknown_shortcut_leaves_the_input_line_as_it_is_and_F4_chooses_from_a_filtered_list()
    {
        await using var agent = await TmuxScreen.StartAsync(_socket, "agent", 120, 30, "agent", "--name", "Ada", "--server", _server.Url);
        await agent.WaitForTextAsync("Ada · available");
        await using var bob = CliProcess.Start("customer", "--name", "Bob", "--server", _server.Url, "--json", "--new");
        await bob.WaitForTypeAsync("assigned");
        await agent.WaitForTextAsync("To Bob (general)");

        await agent.TypeAsync("/nope", enter: false);
        await agent.PressAsync("Tab");
        await agent.WaitForAsync(s => s.Contains("There is no canned reply /nope", StringComparison.Ordinal)
            && s.Contains("> /nope ", StringComparison.Ordinal), "the notice, with the input line unchanged");

        await agent.PressAsync("C-u");
        await agent.PressAsync("F4");
        await agent.WaitForAsync(s => s.Contains("/hello", StringComparison.Ordinal) && s.Contains("/refund", StringComparison.Ordinal), "the list");
        await agent.TypeAsync("refu", enter: false);
        await agent.WaitForAsync(s => s.Contains("▶ /refund", StringComparison.Ordinal) && !s.Contains("/hello", StringComparison.Ordinal), "the filtered list");
        await agent.PressAsync("Enter");
        await agent.WaitForTextAsync("> Refunds take 5 working days.");
        await agent.PressAsync("Enter");

        await bob.WaitForJsonAsync(o => (string?)o["type"] == "message" && (string?)o["text"] == "Refunds take 5 working days.",
            "the chosen reply at the customer");
    }
}
