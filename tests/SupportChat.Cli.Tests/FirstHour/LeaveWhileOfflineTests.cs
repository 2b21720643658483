using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;
using static SupportChat.Cli.Tests.FaultTests;

namespace SupportChat.Cli.Tests.FirstHour;

/// <summary>
/// A customer who leaves must not leave a ghost conversation behind holding an agent's seat: leaving while the server is
/// down ends the conversation at the customer's next start, and starting afresh (--new, or 'n' to "Resume it?") ends
/// the unfinished one.
/// </summary>
public sealed class LeaveWhileOfflineTests : IAsyncLifetime
{
    private readonly string _socket = "supportchat-leave-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _sessionFile = NewSessionFile();
    private ServerProcess _server = null!;
    private CliProcess _ada = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        // One seat: a conversation that is never ended keeps every later customer waiting.
        _ada = CliProcess.Start("agent", "--name", "Ada", "--capacity", "1", "--server", _server.Url, "--json");
        await _ada.WaitForTypeAsync("ready");
    }

    public async Task DisposeAsync()
    {
        await TmuxScreen.KillServerAsync(_socket);
        await _ada.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_who_leaves_while_the_server_is_down_ends_the_conversation_at_its_next_start()
    {
        var first = await StartChatAsync();
        await _server.StopAsync();

        // End of input is how a script leaves; /end, /quit and F10 take the same path.
        first.Process.CloseInput();
        await first.Process.WaitForExitAsync();
        var readyAgain = _ada.Lines.Count;
        await _server.StartAgainAsync();
        await _ada.WaitForTypeAsync("ready", readyAgain);

        await using var again = CliProcess.Start("customer", "--name", "Bob", "--server", _server.Url, "--json", "--session", _sessionFile);

        await AssertEndedByCustomerAsync(first.Conversation);
        var (assigned, _) = await again.WaitForTypeAsync("assigned");
        Assert.NotEqual(first.Conversation, (string)assigned["conversation"]!);
        Assert.Equal("Ada", (string)assigned["agent"]!);
        // The customer who left was told when the conversation would end.
        Assert.Contains("the next time you run 'supportchat customer'", first.Process.Errors, StringComparison.Ordinal);
        await first.Process.DisposeAsync();
    }

    [Fact]
    public async Task Starting_with_new_ends_the_unfinished_conversation()
    {
        var first = await StartChatAsync();
        first.Process.Kill();
        await first.Process.WaitForKilledAsync();

        await using var fresh = CliProcess.Start("customer", "--name", "Bob", "--server", _server.Url, "--json", "--new", "--session", _sessionFile);

        await AssertEndedByCustomerAsync(first.Conversation);
        var (assigned, _) = await fresh.WaitForTypeAsync("assigned");
        Assert.NotEqual(first.Conversation, (string)assigned["conversation"]!);
        await first.Process.DisposeAsync();
    }

    [Fact]
    public async Task Answering_no_to_resume_ends_the_unfinished_conversation()
    {
        var first = await StartChatAsync();
        first.Process.Kill();
        await first.Process.WaitForKilledAsync();

        await using var bob = await TmuxScreen.StartAsync(_socket, "bob", 100, 24, "customer", "--name", "Bob", "--plain", "--server", _server.Url,
            "--session", _sessionFile);
        await bob.WaitForTextAsync("Resume it? [Y/n]");
        await bob.TypeAsync("n");

        await AssertEndedByCustomerAsync(first.Conversation);
        await bob.WaitForTextAsync("Ada is here to help");
        await first.Process.DisposeAsync();
    }

    private async Task<(CliProcess Process, string Conversation)> StartChatAsync()
    {
        var bob = CliProcess.Start("customer", "--name", "Bob", "--server", _server.Url, "--json", "--session", _sessionFile);
        var conversation = (string)(await bob.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await _ada.WaitForJsonAsync(o => (string?)o["type"] == "assigned" && (string?)o["conversation"] == conversation, "Bob's assignment");
        await bob.SendAsync(Send("my order is late"));
        await _ada.WaitForJsonAsync(o => IsMessage(o, "my order is late"), "Bob's message");
        return (bob, conversation);
    }

    private async Task AssertEndedByCustomerAsync(string conversation)
    {
        var (ended, _) = await _ada.WaitForJsonAsync(o => (string?)o["type"] == "ended" && (string?)o["conversation"] == conversation,
            $"the end of the old conversation {conversation}");
        Assert.Equal("customer", (string?)ended["by"]);
    }
}
