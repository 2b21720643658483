using System.Text.Json;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>
/// Issue 20's proof that the metrics are worth having: `supportchat bench` against a real `serve --metrics-urls`, with
/// /metrics scraped during and after the run and read by a real Prometheus text-format parser (<see cref="PrometheusScrape"/>).
/// The figures must move by what the bench did. The names asserted are the ones docs/operations.md gives for PromQL.
/// </summary>
public sealed class MetricsDuringBenchTests
{
    private static readonly TimeSpan BenchPatience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_scrape_during_bench_shows_streams_connected_and_the_message_and_ack_figures_moving()
    {
        var metricsUrl = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        await using var server = await ServerProcess.StartWithAsync(["general"], ["--metrics-urls", metricsUrl]);
        using var http = new HttpClient { BaseAddress = new Uri(metricsUrl), Timeout = TimeSpan.FromSeconds(30) };
        var before = await PrometheusScrape.ReadAsync(http);

        // Paced (100 messages a second in all), so the run lasts several seconds and a scrape can land inside it.
        await using var bench = CliProcess.Start("bench", "--server", server.Url, "--pairs", "4", "--messages", "100", "--rate", "100", "--json");
        var exited = bench.WaitForExitAsync(BenchPatience);

        // During: scraped until the bench's streams are open and its messages are being stored, while it still runs.
        PrometheusScrape? during = null;
        while (!exited.IsCompleted)
        {
            var scrape = await PrometheusScrape.ReadAsync(http);
            if (scrape.Sum("supportchat_streams_connected") > 0
                && scrape.Sum("supportchat_messages_stored_total") > before.Sum("supportchat_messages_stored_total")
                && scrape.Sum("supportchat_send_ack_latency_seconds_count") > before.Sum("supportchat_send_ack_latency_seconds_count"))
            {
                during = scrape;
                break;
            }

            await Task.WhenAny(exited, Task.Delay(100));
        }

        Assert.Equal(0, await exited);
        Assert.True(during is not null, "no scrape caught the bench running with its streams open and messages stored:\n" + bench.Errors);
        Assert.Equal("gauge", during.TypeOf("supportchat_streams_connected"));
        Assert.True(during.Sum("supportchat_streams_connected", ("supportchat_role", "Customer"), ("supportchat_transport", "grpc")) > 0);
        Assert.True(during.Sum("supportchat_streams_connected", ("supportchat_role", "Agent")) > 0);

        // After: every message the bench delivered was stored and acked, on top of what the scrape before saw.
        using var result = JsonDocument.Parse(bench.Lines[^1]);
        var delivered = result.RootElement.GetProperty("delivered").GetInt64();
        Assert.Equal(800, delivered);
        var after = await PrometheusScrape.ReadAsync(http);
        Assert.Equal("counter", after.TypeOf("supportchat_messages_stored_total"));
        Assert.Equal("histogram", after.TypeOf("supportchat_send_ack_latency_seconds_count"));
        Assert.True(after.Sum("supportchat_messages_stored_total") - before.Sum("supportchat_messages_stored_total") >= delivered);
        Assert.True(after.Sum("supportchat_send_ack_latency_seconds_count") - before.Sum("supportchat_send_ack_latency_seconds_count") >= delivered);
        Assert.True(after.Sum("supportchat_messages_stored_total") > during.Sum("supportchat_messages_stored_total"));
        Assert.True(after.Sum("supportchat_store_commit_duration_seconds_count") > 0);

        // The grains' figures: each pair's customer waited in the queue and was assigned, and its agent answered.
        Assert.True(after.Sum("supportchat_queue_wait_seconds_count", ("supportchat_department", "general")) >= 4);
        Assert.True(after.Sum("supportchat_conversation_first_response_seconds_count", ("supportchat_department", "general")) >= 4);
        Assert.Equal("gauge", after.TypeOf("supportchat_agents"));
        Assert.Equal("gauge", after.TypeOf("supportchat_conversations_open"));
        Assert.Equal("gauge", after.TypeOf("supportchat_queue_waiting"));
    }
}
