using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary><c>admin watch --json</c> on a real server, driven by real customer and agent processes.</summary>
public sealed class AdminWatchTests
{
    [Fact]
    public async Task Watch_shows_a_customer_wait_get_picked_up_end_and_count_as_served()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var watch = CliProcess.Start("admin", "watch", "--json", "--server", server.Url);
        var snapshot = (await watch.WaitForTypeAsync("snapshot")).Json;
        Assert.Empty(snapshot["conversations"]!.AsArray());
        Assert.Equal(0, (int)snapshot["today"]!["served"]!);
        Assert.Equal("general", (string?)snapshot["departments"]![0]!["name"]);

        await using var customer = CliProcess.Start("customer", "--name", "Cleo", "--json", "--server", server.Url);
        var queued = await watch.WaitForJsonAsync(o => Is(o, "conversation", "customer", "Cleo") && (string?)o["status"] == "queued",
            "Cleo's conversation waiting");
        var id = (string)queued.Json["conversation"]!;
        Assert.NotNull((string?)queued.Json["queuedSince"]);
        var waiting = await watch.WaitForJsonAsync(o => Is(o, "department", "name", "general") && (int?)o["waiting"] == 1,
            "general with one customer waiting", queued.Index);
        Assert.NotNull((string?)waiting.Json["oldestWaitingSince"]);

        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--json", "--server", server.Url);
        var active = await watch.WaitForJsonAsync(o => Is(o, "conversation", "conversation", id) && (string?)o["status"] == "active",
            "Cleo's conversation picked up", waiting.Index);
        Assert.Equal("Ada", (string?)active.Json["agent"]);
        await watch.WaitForJsonAsync(o => Is(o, "agent", "name", "Ada") && (int?)o["open"] == 1, "Ada with one conversation open", waiting.Index);
        await watch.WaitForJsonAsync(o => Is(o, "department", "name", "general") && (int?)o["waiting"] == 0, "nobody waiting any more", waiting.Index);

        await customer.SendAsync("""{"type":"send","text":"Is anyone there?"}""");
        var unanswered = await watch.WaitForJsonAsync(o => Is(o, "conversation", "conversation", id) && o["unansweredSince"] is not null,
            "Cleo's message unanswered", active.Index);
        await watch.WaitForJsonAsync(o => Is(o, "agent", "name", "Ada") && (string?)o["longestUnansweredConversation"] == id,
            "Ada's longest unanswered conversation", active.Index);
        await agent.WaitForJsonAsync(o => (string?)o["type"] == "message" && (string?)o["text"] == "Is anyone there?", "Cleo's message at Ada");
        await agent.SendAsync($$"""{"type":"send","text":"Yes, hello!","conversation":"{{id}}"}""");
        await watch.WaitForJsonAsync(o => Is(o, "conversation", "conversation", id) && o["unansweredSince"] is null && (string?)o["status"] == "active",
            "Cleo answered", unanswered.Index);

        await customer.SendAsync("""{"type":"end"}""");
        var removed = await watch.WaitForJsonAsync(o => Is(o, "conversationRemoved", "conversation", id), "Cleo's conversation gone", unanswered.Index);
        var today = await watch.WaitForJsonAsync(o => (string?)o["type"] == "today" && (int?)o["served"] == 1, "one served today", unanswered.Index);
        Assert.Equal(0, (int)today.Json["abandoned"]!);
        await watch.WaitForJsonAsync(o => Is(o, "agent", "name", "Ada") && (int?)o["open"] == 0 && o["idleSince"] is not null, "Ada idle again",
            removed.Index);

        // A watcher that comes later gets the same figures in its snapshot (from the board, which read the store).
        await using var later = CliProcess.Start("admin", "watch", "--json", "--server", server.Url);
        var second = (await later.WaitForTypeAsync("snapshot")).Json;
        Assert.Equal(1, (int)second["today"]!["served"]!);
        Assert.Contains(second["agents"]!.AsArray(), a => (string?)a!["name"] == "Ada");
    }

    [Fact]
    public async Task Watch_refuses_a_missing_token_and_an_agent_token_once_accounts_exist()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var add = CliProcess.Start("agents", "add", "--name", "Ada", "--data", server.DataDirectory);
        Assert.Equal(0, await add.WaitForExitAsync());
        await using var adminToken = CliProcess.Start("admin", "token", "--data", server.DataDirectory);
        Assert.Equal(0, await adminToken.WaitForExitAsync());

        await using var anonymous = CliProcess.Start("admin", "watch", "--json", "--server", server.Url);
        Assert.Equal(1, await anonymous.WaitForExitAsync());
        Assert.Contains("[Unauthenticated]", anonymous.Errors);

        await using var asAgent = CliProcess.Start("admin", "watch", "--json", "--server", server.Url, "--token", add.Lines[^1]);
        Assert.Equal(1, await asAgent.WaitForExitAsync());
        Assert.Contains("[PermissionDenied]", asAgent.Errors);

        await using var asAdmin = CliProcess.Start("admin", "watch", "--json", "--server", server.Url, "--token", adminToken.Lines[^1]);
        await asAdmin.WaitForTypeAsync("snapshot");
    }

    [Fact]
    public async Task Watch_reconnects_with_a_new_snapshot_when_the_server_comes_back()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var watch = CliProcess.Start("admin", "watch", "--json", "--server", server.Url);
        var first = await watch.WaitForTypeAsync("snapshot");

        await server.RestartAsync();

        var lost = await watch.WaitForTypeAsync("connectionLost", first.Index + 1);
        await watch.WaitForTypeAsync("snapshot", lost.Index);
    }

    private static bool Is(JsonObject line, string type, string key, string value) =>
        (string?)line["type"] == type && (string?)line[key] == value;
}
