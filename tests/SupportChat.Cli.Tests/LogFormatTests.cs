using System.Globalization;
using System.Text.Json.Nodes;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>`serve --log-format json` as a log shipper reads it: every line of standard output one JSON object, the
/// events' ids as properties.</summary>
public sealed class LogFormatTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Serve_with_json_logs_writes_one_object_per_line_and_a_join_and_assignment_carry_the_conversation_id()
    {
        var url = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        var data = Path.Combine(Path.GetTempPath(), "supportchat-cli-" + Guid.NewGuid().ToString("N"));
        await using var server = CliProcess.StartWith(new Dictionary<string, string> { ["SUPPORTCHAT_Orleans__AdvertisedAddress"] = "127.0.0.1" },
            "serve", "--urls", url, "--web-urls", "none", "--data", data, "--silo-port", ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            "--gateway-port", ServerProcess.FreePort().ToString(CultureInfo.InvariantCulture), "--log-format", "json");
        await server.WaitForJsonAsync(o => ((string?)o["Message"])?.StartsWith(ServerProcess.ReadyMarker, StringComparison.Ordinal) == true,
            "the ready line", patience: Patience);

        await using (var bench = CliProcess.Start("bench", "join", "--server", url, "--customers", "1", "--agents", "1", "--json"))
        {
            Assert.Equal(0, await bench.WaitForExitAsync(Patience));
        }

        // Assigned (1001) names the conversation, and the customer's join (2050) the same one, each as a property.
        var (assigned, _) = await server.WaitForJsonAsync(o => (int?)o["EventId"] == 1001, "the assignment's line", patience: Patience);
        var conversationId = (string?)assigned["State"]?["ConversationId"];
        Assert.False(string.IsNullOrEmpty(conversationId));
        Assert.False(string.IsNullOrEmpty((string?)assigned["State"]?["AgentId"]));
        var (joined, _) = await server.WaitForJsonAsync(o => (int?)o["EventId"] == 2050 && (string?)o["State"]?["ConversationId"] == conversationId,
            "the join's line with the same conversation id", patience: Patience);
        Assert.False(string.IsNullOrEmpty((string?)joined["State"]?["ParticipantId"]));

        // Every line so far: one JSON object with a UTC ISO-8601 timestamp, a level, a category and a message.
        Assert.All(server.Lines, line =>
        {
            var o = Assert.IsType<JsonObject>(JsonNode.Parse(line));
            var at = (string)o["Timestamp"]!;
            Assert.EndsWith("Z", at, StringComparison.Ordinal);
            Assert.Equal(DateTimeKind.Utc, DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Kind);
            Assert.NotNull(o["LogLevel"]);
            Assert.NotNull(o["Category"]);
            Assert.NotNull(o["Message"]);
        });
        Assert.DoesNotContain("info:", server.Errors, StringComparison.Ordinal); // nothing of the text format on standard error
        server.Kill(); // before its data folder goes; disposing it at the end is then a no-op
        await server.WaitForKilledAsync();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task An_unknown_log_format_is_refused_with_a_usage_error()
    {
        await using var serve = CliProcess.Start("serve", "--log-format", "xml");
        Assert.Equal(2, await serve.WaitForExitAsync());
        Assert.Contains("--log-format", serve.Errors, StringComparison.Ordinal);
        Assert.Contains("'text' 'json'", serve.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_log_format_in_configuration_stops_the_server_naming_the_key()
    {
        await using var serve = CliProcess.StartWith(new Dictionary<string, string> { ["SUPPORTCHAT_Logging__Format"] = "xml" },
            "serve", "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}", "--web-urls", "none", "--data",
            Path.Combine(Path.GetTempPath(), "supportchat-cli-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(1, await serve.WaitForExitAsync());
        Assert.Contains("Logging:Format must be text or json, not 'xml'", serve.Errors, StringComparison.Ordinal);
    }
}
