using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests.FirstHour;

/// <summary>Plain mode on a real terminal (tmux): status changes are told in a line of their own, and the terminal is
/// left clean for the shell's prompt.</summary>
public sealed class PlainTerminalTests : IAsyncLifetime
{
    private readonly string _socket = "supportchat-plain-" + Guid.NewGuid().ToString("N")[..8];
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        await TmuxScreen.KillServerAsync(_socket);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Away_and_back_print_one_line_each_and_quitting_leaves_no_prompt_behind()
    {
        await using var ada = await TmuxScreen.StartAsync(_socket, "ada", 120, 30, "agent", "--name", "Ada", "--plain", "--server", _server.Url);
        await ada.WaitForTextAsync("Signed in as Ada");

        await ada.TypeAsync("/away");
        await ada.WaitForTextAsync("You are away");
        await ada.TypeAsync("/available");
        await ada.WaitForTextAsync("You are available");
        await ada.TypeAsync("/quit");
        await ada.WaitForTextAsync("Signing off");
        await ada.WaitForExitAsync();

        var screen = await ada.CaptureWithHistoryAsync();
        Assert.Single(screen.Split('\n'), l => l.Contains("Signed in as", StringComparison.Ordinal));
        Assert.DoesNotContain(screen.Split('\n'), l => l.TrimEnd() == ">");
    }

    [Fact]
    public async Task A_customer_leaving_leaves_no_prompt_behind()
    {
        await using var bob = await TmuxScreen.StartAsync(_socket, "bob", 120, 30, "customer", "--name", "Bob", "--plain", "--new", "--server", _server.Url,
            "--session", FaultTests.NewSessionFile());
        // Nobody is signed in: the customer is told so at once (the offline notice, issue 21).
        await bob.WaitForTextAsync("Nobody is signed in right now");

        await bob.TypeAsync("/end");
        await bob.WaitForExitAsync();

        Assert.DoesNotContain((await bob.CaptureWithHistoryAsync()).Split('\n'), l => l.TrimEnd() == ">");
    }
}
