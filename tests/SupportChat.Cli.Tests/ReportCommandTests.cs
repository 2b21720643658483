using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary><c>supportchat report</c> against a real server after real conversations, checked against a count by hand.
/// (The exact medians over scripted times are checked on both stores in the storage tests.)</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task Report_by_agent_and_department_agrees_with_a_hand_count_of_a_scripted_morning()
    {
        await using var server = await ServerProcess.StartAsync("general", "billing");
        await using var ada = CliProcess.Start("agent", "--name", "Ada", "--department", "general", "--json", "--server", server.Url);
        await using var bob = CliProcess.Start("agent", "--name", "Bob", "--department", "billing", "--json", "--server", server.Url);
        await ada.WaitForTypeAsync("ready");
        await bob.WaitForTypeAsync("ready");

        // Carol: 2 messages, Ada answers once and transfers her to billing, where Bob answers once; Carol ends.
        await using var carol = CliProcess.Start("customer", "--name", "Carol", "--json", "--new", "--server", server.Url);
        var first = (string)(await carol.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await carol.SendAsync("""{"type":"send","text":"My invoice is wrong"}""");
        await carol.SendAsync("""{"type":"send","text":"It says 200 instead of 100"}""");
        await ada.WaitForJsonAsync(o => IsMessage(o, first, 2), "Carol's second message at Ada");
        await ada.SendAsync($$"""{"type":"send","conversation":"{{first}}","text":"Billing will sort it out"}""");
        await carol.WaitForJsonAsync(o => IsMessage(o, first, 3), "Ada's answer at Carol");
        await ada.SendAsync($$"""{"type":"transfer","conversation":"{{first}}","department":"billing"}""");
        await bob.WaitForJsonAsync(o => (string?)o["type"] == "assigned" && (string?)o["conversation"] == first, "Carol at Bob");
        var transferNotice = await bob.WaitForJsonAsync(o => (string?)o["type"] == "message" && (string?)o["from"] == "system", "the transfer notice");
        await bob.SendAsync($$"""{"type":"send","conversation":"{{first}}","text":"Fixed: 100 it is"}""");
        await carol.WaitForJsonAsync(o => (string?)o["type"] == "message" && (string?)o["text"] == "Fixed: 100 it is", "Bob's answer at Carol");
        await carol.SendAsync("""{"type":"end"}""");
        Assert.Equal(0, await carol.WaitForExitAsync());

        // Dan: one message each way, Ada ends it.
        await using var dan = CliProcess.Start("customer", "--name", "Dan", "--json", "--new", "--server", server.Url);
        var second = (string)(await dan.WaitForTypeAsync("assigned")).Json["conversation"]!;
        await dan.SendAsync("""{"type":"send","text":"Where is my parcel?"}""");
        await ada.WaitForJsonAsync(o => IsMessage(o, second, 1), "Dan's message at Ada");
        await ada.SendAsync($$"""{"type":"send","conversation":"{{second}}","text":"On its way"}""");
        await dan.WaitForJsonAsync(o => IsMessage(o, second, 2), "Ada's answer at Dan");
        await ada.SendAsync($$"""{"type":"end","conversation":"{{second}}"}""");
        Assert.Equal(0, await dan.WaitForExitAsync());

        // Eve waits in billing while Bob is away, and gives up.
        await bob.SendAsync("""{"type":"status","status":"away"}""");
        await bob.WaitForJsonAsync(o => (string?)o["type"] == "ready" && (string?)o["status"] == "away", "Bob away");
        await using var eve = CliProcess.Start("customer", "--name", "Eve", "--department", "billing", "--json", "--new", "--server", server.Url);
        await eve.WaitForTypeAsync("queued");
        await eve.SendAsync("""{"type":"end"}""");
        Assert.Equal(0, await eve.WaitForExitAsync());

        var byAgent = await ReportAsync(server, "--by", "agent");
        Assert.Equal(3, byAgent.Count);
        var (adaRow, bobRow, total) = (byAgent[0], byAgent[1], byAgent[2]);
        Assert.Equal(("ada", "Ada", 2L, 2L), ((string?)adaRow["group"], (string?)adaRow["label"], (long)adaRow["served"]!, (long)adaRow["messages"]!));
        Assert.Equal(("bob", "Bob", 1L, 1L), ((string?)bobRow["group"], (string?)bobRow["label"], (long)bobRow["served"]!, (long)bobRow["messages"]!));
        Assert.Null(adaRow["conversations"]);
        foreach (var row in new[] { adaRow, bobRow })
        {
            // Each pickup was answered and its part closed (Ada's by the transfer and the end, Bob's by Carol's end).
            Assert.All(new[] { "wait_median_s", "wait_p90_s", "first_response_median_s", "handling_median_s" },
                figure => Assert.True((double)row[figure]! >= 0, $"{figure} of {row["group"]}"));
        }

        Assert.True((bool)total["total"]!);
        // Carol 2 + Ada 1 + Bob 1 (the transfer notice is SupportChat's, not counted) + Dan 1 + Ada 1.
        Assert.Equal((3L, 2L, 1L, 6L), ((long)total["conversations"]!, (long)total["served"]!, (long)total["abandoned"]!, (long)total["messages"]!));
        Assert.NotNull(transferNotice.Json);

        var byDepartment = await ReportAsync(server, "--by", "department");
        var general = byDepartment.Single(r => (string?)r["group"] == "general");
        var billing = byDepartment.Single(r => (string?)r["group"] == "billing");
        Assert.Equal((2L, 2L, 0L, 5L), ((long)general["conversations"]!, (long)general["served"]!, (long)general["abandoned"]!, (long)general["messages"]!));
        Assert.Equal((1L, 1L, 1L, 1L), ((long)billing["conversations"]!, (long)billing["served"]!, (long)billing["abandoned"]!, (long)billing["messages"]!));

        await using var csv = CliProcess.Start("report", "--by", "agent", "--csv", "--server", server.Url);
        Assert.Equal(0, await csv.WaitForExitAsync());
        Assert.Equal("row,group,label,conversations,served,abandoned,wait_median_s,wait_p90_s,first_response_median_s,handling_median_s,messages,rating_average,rating_count", csv.Lines[0]);
        Assert.StartsWith("group,ada,Ada,,2,,", csv.Lines[1]);
        Assert.StartsWith("total,,,3,2,1,", csv.Lines[3]);

        await using var table = CliProcess.Start("report", "--server", server.Url);
        Assert.Equal(0, await table.WaitForExitAsync());
        Assert.StartsWith("Report ", table.Lines[0]);
        Assert.Matches(@"^total\s+3\s+2\s+1\s", table.Lines[2]);

        ada.CloseInput();
        bob.CloseInput();
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--until", "2026-13-01")]
    [InlineData("--since", "2026-11-10", "--until", "2026-11-09")]
    [InlineData("--since", "2024-01-01", "--until", "2026-01-01")]
    [InlineData("--json", "--csv")]
    [InlineData("--by", "week")]
    public async Task Bad_periods_and_options_exit_with_2_and_say_why(params string[] options)
    {
        await using var server = await ServerProcess.StartAsync();
        await using var report = CliProcess.Start([.. new[] { "report", "--server", server.Url }, .. options]);

        Assert.Equal(2, await report.WaitForExitAsync());
        Assert.Contains(options.First(o => o.StartsWith("--", StringComparison.Ordinal) && o != "--server"), report.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_accounts_exist_a_report_needs_an_admin_token()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var add = CliProcess.Start("agents", "add", "--name", "Ada", "--data", server.DataDirectory);
        Assert.Equal(0, await add.WaitForExitAsync());
        var agentToken = add.Lines[^1];
        await using var admin = CliProcess.Start("admin", "token", "--data", server.DataDirectory);
        Assert.Equal(0, await admin.WaitForExitAsync());
        var adminToken = admin.Lines[^1];

        await using var none = CliProcess.Start("report", "--server", server.Url);
        Assert.Equal(1, await none.WaitForExitAsync());
        Assert.Contains("[Unauthenticated]", none.Errors, StringComparison.Ordinal);

        await using var agent = CliProcess.Start("report", "--server", server.Url, "--token", agentToken);
        Assert.Equal(1, await agent.WaitForExitAsync());
        Assert.Contains("[PermissionDenied]", agent.Errors, StringComparison.Ordinal);

        await using var allowed = CliProcess.Start("report", "--json", "--server", server.Url, "--token", adminToken);
        Assert.Equal(0, await allowed.WaitForExitAsync());
        Assert.Equal(0L, (long)JsonNode.Parse(allowed.Lines.Single())!["served"]!);
    }

    private static async Task<List<JsonObject>> ReportAsync(ServerProcess server, params string[] options)
    {
        await using var report = CliProcess.Start([.. new[] { "report", "--json", "--server", server.Url }, .. options]);
        Assert.Equal(0, await report.WaitForExitAsync());
        return [.. report.Lines.Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    private static bool IsMessage(JsonObject o, string conversation, long seq) =>
        (string?)o["type"] == "message" && (string?)o["conversation"] == conversation && (long?)o["seq"] == seq;
}
