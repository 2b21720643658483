using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>The acceptance scenario of the core issue, driven through the real CLI processes in --json mode.</summary>
public sealed class CliScenarioTests
{
    [Fact]
    public async Task Capacity_one_agent_serves_two_customers_in_turn_and_history_survives_a_restart()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var agent = CliProcess.Start("agent", "--name", "Ada Lovelace", "--capacity", "1", "--json", "--server", server.Url);
        var ready = (await agent.WaitForTypeAsync("ready")).Json;
        Assert.Equal("Ada Lovelace", (string?)ready["name"]);

        await using var bob = CliProcess.Start("customer", "--name", "Bob Smith", "--json", "--server", server.Url);
        var bobAssigned = (await bob.WaitForTypeAsync("assigned")).Json;
        var first = (string)bobAssigned["conversation"]!;
        Assert.Equal("Ada Lovelace", (string?)bobAssigned["agent"]);
        await agent.WaitForJsonAsync(o => (string?)o["type"] == "assigned" && (string?)o["conversation"] == first, "Bob's assignment");

        await using var carol = CliProcess.Start("customer", "--name", "Carol", "--json", "--server", server.Url);
        var queued = (await carol.WaitForTypeAsync("queued")).Json;
        Assert.Equal(1, (int)queued["position"]!);

        await bob.SendAsync("""{"type":"send","text":"My printer is on fire"}""");
        await agent.WaitForJsonAsync(o => IsMessage(o, first, 1, "customer", "My printer is on fire"), "Bob's message at the agent");
        await bob.WaitForJsonAsync(o => IsMessage(o, first, 1, "customer", "My printer is on fire"), "Bob's own message");
        await agent.SendAsync("""{"type":"send","text":"Step away from the printer."}""");
        await bob.WaitForJsonAsync(o => IsMessage(o, first, 2, "agent", "Step away from the printer."), "the agent's reply at Bob");

        await bob.SendAsync("""{"type":"send","text":"   "}""");
        var error = (await bob.WaitForTypeAsync("error")).Json;
        Assert.Equal("InvalidArgument", (string?)error["code"]);
        await bob.SendAsync("""{"type":"send","text":"Done, thanks"}""");
        await agent.WaitForJsonAsync(o => IsMessage(o, first, 3, "customer", "Done, thanks"), "the chat going on after the error");

        await bob.SendAsync("""{"type":"end"}""");
        await bob.WaitForJsonAsync(o => (string?)o["type"] == "ended" && (string?)o["by"] == "customer", "Bob's ended");
        Assert.Equal(0, await bob.WaitForExitAsync());
        await agent.WaitForJsonAsync(o => (string?)o["type"] == "ended" && (string?)o["conversation"] == first, "the agent's ended");

        var carolAssigned = (await carol.WaitForTypeAsync("assigned")).Json;
        var second = (string)carolAssigned["conversation"]!;
        Assert.Equal("Ada Lovelace", (string?)carolAssigned["agent"]);
        await carol.SendAsync("""{"type":"send","text":"Hello?"}""");
        await agent.WaitForJsonAsync(o => IsMessage(o, second, 1, "customer", "Hello?"), "Carol's message");
        carol.CloseInput();
        Assert.Equal(0, await carol.WaitForExitAsync());

        await AssertHistoryAsync(server, first, second);
        agent.CloseInput();
        Assert.Equal(0, await agent.WaitForExitAsync());

        await server.RestartAsync();
        await AssertHistoryAsync(server, first, second);
    }

    [Fact]
    public async Task Bad_input_gets_precise_errors_and_exit_codes()
    {
        await using var server = await ServerProcess.StartAsync("general", "billing");

        await using var noName = CliProcess.Start("agent", "--json", "--server", server.Url);
        Assert.Equal(2, await noName.WaitForExitAsync());

        await using var emptyName = CliProcess.Start("customer", "--name", " ", "--json", "--server", server.Url);
        Assert.Equal("InvalidArgument", (string?)(await emptyName.WaitForTypeAsync("error")).Json["code"]);
        Assert.Equal(2, await emptyName.WaitForExitAsync());

        await using var unknown = CliProcess.Start("customer", "--name", "Bob", "--department", "sales", "--json", "--server", server.Url);
        var error = (await unknown.WaitForTypeAsync("error")).Json;
        Assert.Equal("InvalidArgument", (string?)error["code"]);
        Assert.Contains("general, billing", (string?)error["message"]);
        Assert.Equal(2, await unknown.WaitForExitAsync());

        await using var badUrl = CliProcess.Start("history", "--server", "not-a-url");
        Assert.Equal(2, await badUrl.WaitForExitAsync());

        await using var missing = CliProcess.Start("history", "c000000000000", "--server", server.Url);
        Assert.Equal(2, await missing.WaitForExitAsync());
        Assert.Contains("NotFound", missing.Errors);

        await server.StopAsync();
        await using var down = CliProcess.Start("customer", "--name", "Bob", "--json", "--server", server.Url);
        Assert.Equal("Unavailable", (string?)(await down.WaitForTypeAsync("error")).Json["code"]);
        Assert.Equal(1, await down.WaitForExitAsync());
    }

    [Fact]
    public async Task Json_mode_reports_bad_commands_and_keeps_going()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--json", "--server", server.Url);
        await agent.WaitForTypeAsync("ready");

        await agent.SendAsync("this is not json");
        await agent.WaitForTypeAsync("error");
        await agent.SendAsync("""{"type":"status","status":"away"}""");
        var (away, _) = await agent.WaitForJsonAsync(o => (string?)o["type"] == "ready" && (string?)o["status"] == "away", "ready while away");
        Assert.Equal("Ada", (string?)away["name"]);
        await agent.SendAsync("""{"type":"send","text":"nobody here"}""");
        var (noConversation, _) = await agent.WaitForJsonAsync(o => (string?)o["type"] == "error" && (string?)o["code"] != "InvalidArgument", "an error for a send without a conversation");
        Assert.Equal("FailedPrecondition", (string?)noConversation["code"]);

        agent.CloseInput();
        Assert.Equal(0, await agent.WaitForExitAsync());
        Assert.All(agent.Lines, line => Assert.IsType<JsonObject>(JsonNode.Parse(line)));
    }

    [Fact]
    public async Task A_transcript_names_the_system_as_the_sender_of_its_notices()
    {
        await using var server = await ServerProcess.StartAsync("general", "sales");
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--json", "--server", server.Url);
        await agent.WaitForTypeAsync("ready");
        await using var bob = CliProcess.Start("customer", "--name", "Bob", "--json", "--server", server.Url);
        var conversation = (string)(await bob.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await agent.WaitForTypeAsync("assigned");

        await agent.SendAsync($$"""{"type":"transfer","conversation":"{{conversation}}","department":"sales"}""");
        await bob.WaitForJsonAsync(o => (string?)o["type"] == "message" && (string?)o["from"] == "system", "the transfer notice");

        await using var transcript = CliProcess.Start("history", conversation, "--server", server.Url);
        Assert.Equal(0, await transcript.WaitForExitAsync());
        var notice = Assert.Single(transcript.Lines, l => l.Contains("transferred this conversation to sales", StringComparison.Ordinal));
        Assert.Contains("] system: Ada transferred", notice);
    }

    private static bool IsMessage(JsonObject o, string conversation, long seq, string from, string text) =>
        (string?)o["type"] == "message" && (string?)o["conversation"] == conversation && (long?)o["seq"] == seq
        && (string?)o["from"] == from && (string?)o["text"] == text && o["at"] is not null && o["name"] is not null;

    private static async Task AssertHistoryAsync(ServerProcess server, string first, string second)
    {
        await using var list = CliProcess.Start("history", "--json", "--server", server.Url);
        Assert.Equal(0, await list.WaitForExitAsync());
        var conversations = list.Lines.Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();
        Assert.Equal([second, first], conversations.Select(c => (string?)c["conversation"]));
        Assert.Equal([1L, 3L], conversations.Select(c => (long)c["messages"]!));
        Assert.All(conversations, c => Assert.Equal("Ada Lovelace", (string?)c["agents"]![0]));
        Assert.All(conversations, c => Assert.NotNull((string?)c["ended"]));

        await using var transcript = CliProcess.Start("history", first, "--json", "--server", server.Url);
        Assert.Equal(0, await transcript.WaitForExitAsync());
        var messages = transcript.Lines.Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();
        Assert.Equal([1L, 2L, 3L], messages.Select(m => (long)m["seq"]!));
        Assert.Equal(["My printer is on fire", "Step away from the printer.", "Done, thanks"], messages.Select(m => (string?)m["text"]));
        Assert.Equal(["customer", "agent", "customer"], messages.Select(m => (string?)m["from"]));
        Assert.All(messages, m => Assert.Equal(first, (string?)m["conversation"]));
    }
}
