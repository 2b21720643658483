using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary><c>supportchat canned add|list|remove</c> against a real server, and what a signed-in agent in --json mode
/// hears of it: the list on ready, then the whole list again on each change.</summary>
public sealed class CannedCommandTests
{
    [Fact]
    public async Task An_agent_in_json_mode_gets_the_replies_on_ready_and_each_add_and_remove_while_signed_in()
    {
        await using var server = await ServerProcess.StartAsync("general");
        Assert.Equal("Added /hello.", await CannedAsync(server, 0, "add", "hello", "Hi {customer}, this is {agent}."));

        await using var ada = CliProcess.Start("agent", "--name", "Ada", "--json", "--server", server.Url);
        var (ready, at) = await ada.WaitForTypeAsync("ready");
        Assert.Equal([("hello", "Hi {customer}, this is {agent}.")], Replies(ready));

        Assert.Equal("Added /refund.", await CannedAsync(server, 0, "add", "refund", "Refunds take 5 days.\nAnything else?"));
        var (added, next) = await ada.WaitForTypeAsync("canned", at + 1);
        Assert.Equal([("hello", "Hi {customer}, this is {agent}."), ("refund", "Refunds take 5 days.\nAnything else?")], Replies(added));

        Assert.Equal("Replaced /hello.", await CannedAsync(server, 0, "add", "hello", "Hello {customer}!"));
        (added, next) = await ada.WaitForTypeAsync("canned", next + 1);
        Assert.Equal([("hello", "Hello {customer}!"), ("refund", "Refunds take 5 days.\nAnything else?")], Replies(added));

        Assert.Equal("Removed /refund.", await CannedAsync(server, 0, "remove", "refund"));
        var (removed, _) = await ada.WaitForTypeAsync("canned", next + 1);
        Assert.Equal([("hello", "Hello {customer}!")], Replies(removed));

        await using var list = CliProcess.Start("canned", "list", "--json", "--server", server.Url);
        Assert.Equal(0, await list.WaitForExitAsync());
        Assert.Equal(["""{"shortcut":"hello","text":"Hello {customer}!"}"""], list.Lines);
    }

    [Fact]
    public async Task Mistakes_exit_with_2_and_say_what_is_wrong()
    {
        await using var server = await ServerProcess.StartAsync("general");

        await using var badShortcut = CliProcess.Start("canned", "add", "two words", "text", "--server", server.Url);
        Assert.Equal(2, await badShortcut.WaitForExitAsync());
        Assert.Contains("[InvalidArgument]", badShortcut.Errors, StringComparison.Ordinal);

        await using var unknown = CliProcess.Start("canned", "remove", "nope", "--server", server.Url);
        Assert.Equal(2, await unknown.WaitForExitAsync());
        Assert.Contains("there is no canned reply /nope. [NotFound]", unknown.Errors, StringComparison.Ordinal);

        await using var empty = CliProcess.Start("canned", "list", "--server", server.Url);
        Assert.Equal(0, await empty.WaitForExitAsync());
        Assert.StartsWith("No canned replies yet", empty.Lines.Single(), StringComparison.Ordinal);
    }

    private static async Task<string> CannedAsync(ServerProcess server, int exitCode, params string[] args)
    {
        await using var canned = CliProcess.Start(["canned", .. args, "--server", server.Url]);
        Assert.Equal(exitCode, await canned.WaitForExitAsync());
        return string.Join('\n', canned.Lines);
    }

    internal static List<(string Shortcut, string Text)> Replies(JsonObject json) =>
        [.. json["canned"]!.AsArray().Select(r => ((string)r!["shortcut"]!, (string)r["text"]!))];
}
