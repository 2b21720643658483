using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;
using static SupportChat.Cli.Tests.FaultTests;

namespace SupportChat.Cli.Tests;

/// <summary>
/// Issue 21's "customer who writes at 03:00": the department is closed, the customer is told when the team is back,
/// leaves two messages and goes; the server restarts; an agent signs in once the department is open and answers; the
/// customer resumes its session and reads the answer in the same conversation, and can print its transcript.
/// </summary>
public sealed class OfflineMessageTests
{
    [Fact]
    public async Task Closed_customer_leaves_two_messages_and_reads_the_answer_after_a_restart_and_an_agent_signing_in()
    {
        // Closed all of today: open only on the day after tomorrow (UTC), so the test does not depend on the hour.
        var opens = DateTime.UtcNow.Date.AddDays(2);
        var hours = $"billing={opens.DayOfWeek.ToString()[..3]} 00:00-24:00 UTC";
        await using var server = await ServerProcess.StartWithAsync(["billing"], ["--hours", hours]);
        var sessionFile = NewSessionFile();

        var nina = CliProcess.Start("customer", "--name", "Nina", "--department", "billing", "--server", server.Url, "--json", "--session", sessionFile);
        var (queued, _) = await nina.WaitForJsonAsync(o => (string?)o["type"] == "queued" && (bool?)o["offline"] == true, "the offline notice");
        var conversation = (string)queued["conversation"]!;
        Assert.Equal($"We're offline until {opens.DayOfWeek} 00:00 (UTC); leave a message and we'll answer here.", (string?)queued["message"]);
        Assert.Equal(new DateTimeOffset(opens, TimeSpan.Zero), DateTimeOffset.Parse((string)queued["open_at"]!));
        Assert.Equal((true, null), ((bool?)queued["no_agent_available"], queued["estimated_wait_seconds"]));

        await nina.SendAsync(Send("My invoice shows the wrong address."));
        await nina.SendAsync(Send("It is order 1234."));
        await nina.WaitForJsonAsync(o => IsMessage(o, "It is order 1234."), "the second message stored");
        // Gone without ending the conversation (closing the terminal): the messages wait for an answer.
        nina.Kill();
        await nina.WaitForKilledAsync();
        await nina.DisposeAsync();

        await server.RestartWithAsync(); // the same data, now without opening hours: billing is open
        await using var ada = CliProcess.Start("agent", "--name", "Ada", "--department", "billing", "--server", server.Url, "--json");
        var (assigned, _) = await ada.WaitForTypeAsync("assigned");
        Assert.Equal(conversation, (string)assigned["conversation"]!);
        await ada.WaitForJsonAsync(o => IsMessage(o, "My invoice shows the wrong address."), "the first left message");
        await ada.WaitForJsonAsync(o => IsMessage(o, "It is order 1234."), "the second left message");
        await ada.SendAsync(new JsonObject { ["type"] = "send", ["text"] = "Fixed: the new address is on the invoice.", ["conversation"] = conversation }.ToJsonString());
        await ada.WaitForJsonAsync(o => IsMessage(o, "Fixed: the new address is on the invoice."), "the answer stored");

        await using var back = CliProcess.Start("customer", "--name", "Nina", "--department", "billing", "--server", server.Url, "--json", "--session", sessionFile);
        var (answer, _) = await back.WaitForJsonAsync(o => IsMessage(o, "Fixed: the new address is on the invoice."), "the answer on resume");
        Assert.Equal(conversation, (string)answer["conversation"]!);

        await using var history = CliProcess.Start("history", "--session", sessionFile, "--server", server.Url);
        Assert.Equal(0, await history.WaitForExitAsync());
        Assert.Equal($"Conversation: {conversation}", history.Lines[0]);
        Assert.Equal("Department: billing", history.Lines[1]);
        Assert.StartsWith("Started: ", history.Lines[2]);
        Assert.Contains(history.Lines, l => l.StartsWith('[') && l.EndsWith("] Nina: My invoice shows the wrong address.", StringComparison.Ordinal));
        Assert.Contains(history.Lines, l => l.EndsWith("] Nina: It is order 1234.", StringComparison.Ordinal));
        Assert.Contains(history.Lines, l => l.EndsWith("] Ada: Fixed: the new address is on the invoice.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_with_a_missing_session_file_is_a_usage_error()
    {
        await using var history = CliProcess.Start("history", "--session", NewSessionFile(), "--server", "http://127.0.0.1:9");

        Assert.Equal(2, await history.WaitForExitAsync());
        Assert.Contains("no conversation in", history.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_hours_in_an_unknown_time_zone_exits_2_naming_it()
    {
        await using var serve = CliProcess.Start("serve", "--departments", "billing", "--hours", "billing=Mon-Fri 09:00-17:00 Moon/Base", "--web-urls", "none");

        Assert.Equal(2, await serve.WaitForExitAsync());
        Assert.Contains("unknown time zone 'Moon/Base'", serve.Errors, StringComparison.Ordinal);
    }
}
