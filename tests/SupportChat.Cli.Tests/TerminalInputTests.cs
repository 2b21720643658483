using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>
/// The full-screen input line as people meet it in a real terminal (tmux): a paste far over the message limit, Ctrl+C,
/// and a SIGTERM, with a scripted agent on the other side.
/// </summary>
public sealed class TerminalInputTests : IAsyncLifetime
{
    private const int Pasted = 100_000;
    private const int MemoryBoundMegabytes = 500;

    // Key by key through Terminal.Gui's input parser takes a while on a busy machine; the input itself must not.
    private static readonly TimeSpan PastePatience = TimeSpan.FromSeconds(90);

    private readonly string _socket = "supportchat-test-" + Guid.NewGuid().ToString("N")[..8];
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        await TmuxScreen.KillServerAsync(_socket);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Typing_100000_characters_stops_at_the_limit_in_bounded_memory_and_Enter_sends_them()
    {
        await using var agent = await StartAgentAsync();
        await using var customer = await StartCustomerAsync();
        var processId = await customer.ProcessIdAsync();

        await customer.TypeAsync(LongText(), enter: false); // as a terminal without bracketed paste delivers a paste
        await customer.WaitForAsync(s => Bounded(processId) && s.Contains("4000/4000", StringComparison.Ordinal),
            "the counter at the limit", PastePatience);
        await customer.PressAsync("Enter");

        var (message, _) = await agent.WaitForJsonAsync(o => (string?)o["type"] == "message" && (string?)o["from"] == "customer", "the customer's message");
        Assert.Equal(LongText()[..4000], (string)message["text"]!);
        await customer.WaitForAsync(s => !s.Contains("4000/4000", StringComparison.Ordinal), "the input line emptied after the send");
        Assert.True(TmuxScreen.ResidentMegabytes(processId) < MemoryBoundMegabytes);
    }

    [Fact]
    public async Task A_bracketed_paste_of_100000_characters_stops_at_the_limit_and_SIGTERM_ends_the_conversation_and_restores_the_terminal()
    {
        await using var agent = await StartAgentAsync();
        await using var customer = await StartCustomerAsync();
        var processId = await customer.ProcessIdAsync();

        await customer.PasteAsync(LongText());
        var screen = await customer.WaitForAsync(s => Bounded(processId) && s.Contains("4000/4000", StringComparison.Ordinal),
            "the counter at the limit", PastePatience);
        Assert.Contains("96000 characters", screen, StringComparison.Ordinal);

        await customer.SignalAsync("TERM");
        await customer.WaitForExitAsync();
        await agent.WaitForJsonAsync(o => (string?)o["type"] == "ended" && (string?)o["by"] == "customer", "the conversation ended by the customer");
        Assert.Contains(TmuxScreen.TerminalRestored, await customer.CaptureAsync(), StringComparison.Ordinal);
        Assert.Equal((false, false, true), await customer.ModesAsync());
    }

    [Fact]
    public async Task Ctrl_C_ends_the_customers_conversation_like_F10()
    {
        await using var agent = await StartAgentAsync();
        await using var customer = await StartCustomerAsync();

        await customer.PressAsync("C-c");

        await agent.WaitForJsonAsync(o => (string?)o["type"] == "ended" && (string?)o["by"] == "customer", "the conversation ended by the customer");
        await customer.WaitForExitAsync();
        var screen = await customer.CaptureAsync();
        Assert.Contains("You ended the conversation.", screen, StringComparison.Ordinal); // no rating asked for: F10's way
        Assert.Contains(TmuxScreen.TerminalRestored, screen, StringComparison.Ordinal);
        Assert.Equal((false, false, true), await customer.ModesAsync());
    }

    [Fact]
    public async Task Ctrl_C_signs_the_agent_off_like_F10()
    {
        await using var agent = await TmuxScreen.StartWatchedAsync(_socket, "agent", 100, 24, "agent", "--name", "Ada", "--server", _server.Url);
        await agent.WaitForTextAsync("Ada · available");

        await agent.PressAsync("C-c");

        await agent.WaitForExitAsync();
        var screen = await agent.CaptureAsync();
        Assert.Contains("Signed off.", screen, StringComparison.Ordinal);
        Assert.Contains(TmuxScreen.TerminalRestored, screen, StringComparison.Ordinal);
        Assert.Contains("supportchat exited with 0", screen, StringComparison.Ordinal);
    }

    private async Task<CliProcess> StartAgentAsync()
    {
        var agent = CliProcess.Start("agent", "--name", "Ada", "--server", _server.Url, "--json");
        await agent.WaitForTypeAsync("ready");
        return agent;
    }

    private async Task<TmuxScreen> StartCustomerAsync()
    {
        var customer = await TmuxScreen.StartWatchedAsync(_socket, "customer", 100, 24, "customer", "--name", "Bob", "--server", _server.Url,
            "--session", Path.Combine(CliProcess.StateDirectory, $"tui-{Guid.NewGuid():N}.json"));
        await customer.WaitForTextAsync("Connected to Ada");
        return customer;
    }

    /// <summary>Checked on every look at the screen, so a client that eats memory fails at once instead of at the timeout.</summary>
    private static bool Bounded(int processId)
    {
        var megabytes = TmuxScreen.ResidentMegabytes(processId);
        return megabytes < MemoryBoundMegabytes ? true : throw new Xunit.Sdk.XunitException($"the client holds {megabytes} MB");
    }

    private static string LongText()
    {
        var words = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", (Pasted / 27) + 1));
        return words[..Pasted];
    }
}
