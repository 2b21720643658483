using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>
/// Faults with real processes: servers killed with SIGKILL or stopped with SIGTERM, clients killed and
/// restarted. Each checks the invariant: history is exactly the acknowledged sends, seqs are gapless, and each
/// participant saw each message once, in order.
/// </summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Two_hundred_messages_survive_the_server_being_killed_three_times_mid_stream()
    {
        await using var server = await ServerProcess.StartWithAsync([], ["--agent-grace", "30"]);
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--server", server.Url, "--json");
        await agent.WaitForTypeAsync("ready");
        await using var customer = CliProcess.Start("customer", "--name", "Bob", "--server", server.Url, "--json", "--session", NewSessionFile());
        var conversation = (string)(await customer.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await agent.WaitForTypeAsync("assigned");

        var texts = Enumerable.Range(1, 200).Select(i => $"message {i:000}").ToList();
        foreach (var text in texts)
        {
            await customer.SendAsync(Send(text));
        }

        foreach (var killAfter in new[] { 40, 100, 160 })
        {
            await customer.WaitForJsonAsync(o => IsMessage(o, texts[killAfter - 1]), $"own message {killAfter}");
            await server.CrashAsync();
            await server.StartAgainAsync();
        }

        await customer.WaitForJsonAsync(o => IsMessage(o, texts[^1]), "the customer's last message");
        await agent.WaitForJsonAsync(o => IsMessage(o, texts[^1]), "the last message at the agent");
        AssertSeenOnceInOrder(customer.Lines, texts);
        AssertSeenOnceInOrder(agent.Lines, texts);
        Assert.Equal(texts, await TranscriptAsync(server, conversation));
    }

    [Fact]
    public async Task A_killed_customer_restarted_from_its_session_file_gets_what_it_missed_and_nothing_twice()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--server", server.Url, "--json");
        await agent.WaitForTypeAsync("ready");
        var sessionFile = NewSessionFile();
        var first = CliProcess.Start("customer", "--name", "Bob", "--server", server.Url, "--json", "--session", sessionFile);
        var conversation = (string)(await first.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await agent.WaitForTypeAsync("assigned");
        await first.SendAsync(Send("before 1"));
        await agent.WaitForJsonAsync(o => IsMessage(o, "before 1"), "the customer's first message");
        await agent.SendAsync(Send("reply 1"));
        await first.WaitForJsonAsync(o => IsMessage(o, "reply 1"), "the agent's reply");

        first.Kill();
        await first.WaitForKilledAsync();
        await agent.SendAsync(Send("while you were away"));
        await agent.WaitForJsonAsync(o => IsMessage(o, "while you were away"), "the agent's own message");

        await using var second = CliProcess.Start("customer", "--name", "Bob", "--server", server.Url, "--json", "--session", sessionFile);
        await second.WaitForJsonAsync(o => IsMessage(o, "while you were away"), "the missed message");
        await second.SendAsync(Send("back again"));
        await agent.WaitForJsonAsync(o => IsMessage(o, "back again"), "the resumed customer's message");
        await second.WaitForJsonAsync(o => IsMessage(o, "back again"), "the customer's own message");

        string[] all = ["before 1", "reply 1", "while you were away", "back again"];
        AssertSeenOnceInOrder([.. first.Lines, .. second.Lines], all);
        AssertSeenOnceInOrder(agent.Lines, all);
        Assert.Equal(conversation, (string)(await second.WaitForTypeAsync("assigned")).Json["conversation"]!);
        Assert.Equal(all, await TranscriptAsync(server, conversation));
        await first.DisposeAsync();
    }

    [Fact]
    public async Task A_killed_agent_is_replaced_after_the_grace_period_and_the_next_agent_sees_the_history()
    {
        await using var server = await ServerProcess.StartWithAsync([], ["--agent-grace", "2"]);
        var ada = CliProcess.Start("agent", "--name", "Ada", "--capacity", "1", "--server", server.Url, "--json");
        await ada.WaitForTypeAsync("ready");
        await using var bob = CliProcess.Start("customer", "--name", "Bob", "--server", server.Url, "--json", "--session", NewSessionFile());
        var conversation = (string)(await bob.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await ada.WaitForTypeAsync("assigned");
        await bob.SendAsync(Send("my order is late"));
        await ada.WaitForJsonAsync(o => IsMessage(o, "my order is late"), "the customer's message");
        await ada.SendAsync(Send("let me check"));
        await bob.WaitForJsonAsync(o => IsMessage(o, "let me check"), "the agent's reply");
        await using var bill = CliProcess.Start("agent", "--name", "Bill", "--capacity", "1", "--server", server.Url, "--json");
        await bill.WaitForTypeAsync("ready");

        ada.Kill();
        await ada.WaitForKilledAsync();

        var (reassigned, _) = await bob.WaitForJsonAsync(o => (string?)o["type"] == "assigned" && (string?)o["agent"] == "Bill", "Bill taking over");
        Assert.Equal(conversation, (string)reassigned["conversation"]!);
        await bill.WaitForTypeAsync("assigned");
        var (notice, _) = await bill.WaitForJsonAsync(o => (string?)o["type"] == "message" && (string?)o["from"] == "system", "the hand-over notice");
        Assert.Contains("Ada lost connection", (string)notice["text"]!);
        await bob.SendAsync(Send("hello Bill"));
        await bill.WaitForJsonAsync(o => IsMessage(o, "hello Bill"), "the customer's message to Bill");
        await bob.WaitForJsonAsync(o => IsMessage(o, "hello Bill"), "the customer's own message");

        var atBill = Messages(bill.Lines);
        Assert.Equal(Enumerable.Range(1, atBill.Count).Select(i => (long)i), atBill.Select(m => (long)m["seq"]!));
        Assert.Equal(["my order is late", "let me check"], atBill.Take(2).Select(m => (string)m["text"]!));
        AssertSeenOnceInOrder(bob.Lines, ["my order is late", "let me check", "hello Bill"]);
        await ada.DisposeAsync();
    }

    [Fact]
    public async Task An_agent_not_back_after_a_server_restart_is_named_by_its_display_name_when_its_customer_is_handed_on()
    {
        await using var server = await ServerProcess.StartWithAsync([], ["--agent-grace", "2"]);
        var ada = CliProcess.Start("agent", "--name", "Ada Lovelace", "--capacity", "1", "--server", server.Url, "--json");
        await ada.WaitForTypeAsync("ready");
        await using var bob = CliProcess.Start("customer", "--name", "Bob", "--server", server.Url, "--json", "--session", NewSessionFile());
        var conversation = (string)(await bob.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await ada.WaitForTypeAsync("assigned");

        // The restarted server knows Ada's conversation from the store, but Ada never signs in again to say her name.
        await server.CrashAsync();
        ada.Kill();
        await ada.WaitForKilledAsync();
        await server.StartAgainAsync();
        await using var bill = CliProcess.Start("agent", "--name", "Bill", "--capacity", "1", "--server", server.Url, "--json");

        await bill.WaitForJsonAsync(o => (string?)o["type"] == "assigned" && (string?)o["conversation"] == conversation, "Bill taking over");
        var (notice, _) = await bill.WaitForJsonAsync(o => (string?)o["type"] == "message" && (string?)o["from"] == "system", "the hand-over notice");
        Assert.StartsWith("Ada Lovelace lost connection", (string)notice["text"]!, StringComparison.Ordinal);
        await ada.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_that_does_not_come_back_is_abandoned_and_the_agent_takes_the_next()
    {
        await using var server = await ServerProcess.StartWithAsync([], ["--customer-grace", "2"]);
        await using var ada = CliProcess.Start("agent", "--name", "Ada", "--capacity", "1", "--server", server.Url, "--json");
        await ada.WaitForTypeAsync("ready");
        var bob = CliProcess.Start("customer", "--name", "Bob", "--server", server.Url, "--json", "--session", NewSessionFile());
        var first = (string)(await bob.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await using var carol = CliProcess.Start("customer", "--name", "Carol", "--server", server.Url, "--json", "--session", NewSessionFile());
        await carol.WaitForTypeAsync("queued");

        bob.Kill();
        await bob.WaitForKilledAsync();

        var (ended, _) = await ada.WaitForJsonAsync(o => (string?)o["type"] == "ended" && (string?)o["conversation"] == first, "the abandoned end");
        Assert.Equal("system", (string)ended["by"]!);
        var (assigned, _) = await carol.WaitForTypeAsync("assigned");
        Assert.Equal("Ada", (string)assigned["agent"]!);
        await bob.DisposeAsync();
    }

    [Fact]
    public async Task Sigterm_stops_the_server_within_ten_seconds_and_clients_carry_on_when_it_is_back()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--server", server.Url, "--json");
        await agent.WaitForTypeAsync("ready");
        await using var customer = CliProcess.Start("customer", "--name", "Bob", "--server", server.Url, "--json", "--session", NewSessionFile());
        await customer.WaitForTypeAsync("assigned");
        await customer.SendAsync(Send("before the restart"));
        await agent.WaitForJsonAsync(o => IsMessage(o, "before the restart"), "the first message");

        var took = await server.TerminateAsync();
        Assert.True(took < TimeSpan.FromSeconds(10), $"the server took {took.TotalSeconds:0.0} s to stop");
        await customer.SendAsync(Send("sent while the server was down"));
        await server.StartAgainAsync();

        await agent.WaitForJsonAsync(o => IsMessage(o, "sent while the server was down"), "the message sent during the outage");
        await customer.WaitForJsonAsync(o => IsMessage(o, "sent while the server was down"), "the customer's own message");
        AssertSeenOnceInOrder(customer.Lines, ["before the restart", "sent while the server was down"]);
        AssertSeenOnceInOrder(agent.Lines, ["before the restart", "sent while the server was down"]);
    }

    internal static string NewSessionFile() => Path.Combine(CliProcess.StateDirectory, $"session-{Guid.NewGuid():N}.json");

    internal static string Send(string text) => new JsonObject { ["type"] = "send", ["text"] = text }.ToJsonString();

    internal static bool IsMessage(JsonObject o, string text) => (string?)o["type"] == "message" && (string?)o["text"] == text;

    internal static List<JsonObject> Messages(IEnumerable<string> lines) =>
        [.. lines.Select(l => JsonNode.Parse(l) as JsonObject).OfType<JsonObject>().Where(o => (string?)o["type"] == "message")];

    /// <summary>Every message event once, seqs gapless from the first, and the chat texts exactly as expected.</summary>
    internal static void AssertSeenOnceInOrder(IEnumerable<string> lines, IReadOnlyList<string> expectedTexts)
    {
        var messages = Messages(lines);
        var seqs = messages.Select(m => (long)m["seq"]!).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        var texts = messages.Where(m => (string?)m["from"] != "system").Select(m => (string)m["text"]!).ToList();
        Assert.True(expectedTexts.SequenceEqual(texts), $"expected {expectedTexts.Count} messages in order, saw {texts.Count}:\n{string.Join('\n', lines.Where(l => !l.Contains("\"type\":\"message\"", StringComparison.Ordinal)))}\n{string.Join('\n', messages.Select(m => m.ToJsonString()))}");
    }

    internal static async Task<List<string>> TranscriptAsync(ServerProcess server, string conversation)
    {
        await using var history = CliProcess.Start("history", conversation, "--server", server.Url, "--json");
        Assert.Equal(0, await history.WaitForExitAsync());
        var rows = history.Lines.Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => (long)r["seq"]!));
        return [.. rows.Where(r => (string?)r["from"] != "system").Select(r => (string)r["text"]!)];
    }
}
