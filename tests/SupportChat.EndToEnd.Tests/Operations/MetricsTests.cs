using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Persistence;
using SupportChat.Server.Hosting;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests.Operations;

/// <summary>`/metrics` over a real server: the figures move by what a short chat did. Alone, because every server in
/// the process publishes a meter of the same name and an exporter listens to all of them.</summary>
[Collection(AloneCollection.Name)]
public sealed class MetricsTests
{
    private const string Stored = "supportchat_messages_stored_total";
    private const string Streams = "supportchat_streams_connected";
    private const string Dropped = "supportchat_sessions_dropped_total";
    private const string AckLatencyCount = "supportchat_send_ack_latency_seconds_count";

    [Fact]
    public async Task A_short_chat_moves_streams_messages_stored_and_ack_latency_by_what_it_did()
    {
        await using var server = await TestServer.StartWithAsync(new Dictionary<string, string?> { ["Web:Urls"] = "http://127.0.0.1:0" });
        using var http = new HttpClient { BaseAddress = new Uri(server.WebUrl), Timeout = TimeSpan.FromSeconds(30) };
        var before = await ScrapeAsync(http);

        PrometheusText during;
        ConversationRecord? conversation;
        await using (var pair = await ChatPair.StartAsync(server, "general"))
        {
            await pair.Customer.SendAsync(Wire.CustomerSend("hello"));
            await pair.Customer.SendAsync(Wire.CustomerSend("anyone?"));
            await pair.Customer.WaitForAsync(Kind.Ack, "the customer's first ack");
            await pair.Customer.WaitForAsync(Kind.Ack, "the customer's second ack");
            await pair.Agent.SendAsync(Wire.AgentSend("hi", pair.ConversationId));
            await pair.Agent.WaitForAsync(Kind.Ack, "the agent's ack");
            during = await ScrapeAsync(http);

            // The agent's ack means every message before it (the three sent, and the conversation's own notes) is durable.
            conversation = await server.Services.GetRequiredService<IChatStore>().GetConversationAsync(pair.ConversationId, CancellationToken.None);
        }

        Assert.Equal("gauge", during.TypeOf(Streams));
        Assert.Equal(1, during.Sum(Streams, ("supportchat_role", "Agent")) - before.Sum(Streams, ("supportchat_role", "Agent")));
        Assert.Equal(1, during.Sum(Streams, ("supportchat_role", "Customer")) - before.Sum(Streams, ("supportchat_role", "Customer")));
        Assert.True(conversation!.MessageCount >= 3, $"the store holds {conversation.MessageCount} messages");
        Assert.Equal(conversation.MessageCount, during.Sum(Stored) - before.Sum(Stored));
        Assert.Equal(3, during.Sum(AckLatencyCount) - before.Sum(AckLatencyCount));
        Assert.True(during.Sum("supportchat_store_commit_duration_seconds_count") > 0, "commits were timed");

        // Both streams were closed without leaving: dropped, and no longer connected (the server hears of it shortly).
        var after = await ScrapeUntilAsync(http, s => s.Sum(Streams) == before.Sum(Streams), "both streams closed");
        Assert.Equal(1, after.Sum(Dropped, ("supportchat_role", "Agent")) - before.Sum(Dropped, ("supportchat_role", "Agent")));
        Assert.Equal(1, after.Sum(Dropped, ("supportchat_role", "Customer")) - before.Sum(Dropped, ("supportchat_role", "Customer")));
    }

    [Fact]
    public async Task The_grains_gauges_count_agents_open_and_waiting_conversations_and_a_customer_grace_that_runs_out_is_counted()
    {
        await using var server = await TestServer.StartWithAsync(new Dictionary<string, string?>
        {
            ["Web:Urls"] = "http://127.0.0.1:0",
            ["Chat:CustomerGrace"] = "00:00:01",
        });
        using var http = new HttpClient { BaseAddress = new Uri(server.WebUrl), Timeout = TimeSpan.FromSeconds(30) };
        var department = ("supportchat_department", "general");
        using var channel = Wire.Channel(server);
        await using var agent = RawParticipant<Protocol.V1.AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello("Gauge Agent", 1, "general"));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var served = RawParticipant<Protocol.V1.CustomerCommand>.Customer(channel);
        await served.SendAsync(Wire.CustomerHello("Served", "general"));
        await served.WaitForAsync(Kind.Assigned, "the first customer's assignment");
        var waiting = RawParticipant<Protocol.V1.CustomerCommand>.Customer(channel);
        await waiting.SendAsync(Wire.CustomerHello("Waiting", "general"));
        await waiting.WaitForAsync(Kind.Queued, "the second customer queued (the agent's one seat is taken)");

        // Gauges are read at scrape time from the grains, which learn of a change a moment after the client hears of it.
        var busy = await ScrapeUntilAsync(http, s => s.Sum("supportchat_queue_waiting", department) == 1
            && s.Sum("supportchat_conversations_open", department, ("supportchat_conversation_state", "active")) == 1
            && s.Sum("supportchat_conversations_open", department, ("supportchat_conversation_state", "queued")) == 1,
            "one conversation active and one waiting");
        Assert.Equal(1, busy.Sum("supportchat_agents", ("supportchat_agent_status", "available")));
        Assert.Equal(0, busy.Sum("supportchat_agents", ("supportchat_agent_status", "away")));
        Assert.Equal(1, busy.Sum("supportchat_queue_wait_seconds_count", department));

        // The waiting customer's stream goes: after its one-second grace the conversation is abandoned, and counted.
        await waiting.DisposeAsync();
        var after = await ScrapeUntilAsync(http, s => s.Sum("supportchat_sessions_grace_expired_total", ("supportchat_role", "Customer")) == 1
            && s.Sum("supportchat_queue_waiting", department) == 0, "the waiting customer's grace expired");
        Assert.Equal(0, after.Sum("supportchat_conversations_open", department, ("supportchat_conversation_state", "queued")));
    }

    [Fact]
    public async Task Metrics_are_not_served_on_a_web_listener_that_is_not_loopback_only()
    {
        await using var server = await TestServer.StartWithAsync(
            new Dictionary<string, string?> { ["Web:Urls"] = "http://0.0.0.0:0", ["Tls:AllowInsecure"] = "true" });
        using var http = new HttpClient { BaseAddress = new Uri(server.WebUrl.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)) };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task With_metrics_urls_metrics_and_health_are_on_that_listener_only_and_nothing_else_is()
    {
        using var log = new RecordingLoggerProvider();
        await using var server = await TestServer.StartWithAsync(
            new Dictionary<string, string?>
            {
                ["Web:Urls"] = "http://127.0.0.1:0",
                ["Metrics:Urls"] = "http://127.0.0.1:0",
                ["Logging:LogLevel:SupportChat.Server"] = "Information",
            },
            builder => builder.Logging.AddProvider(log));
        var metricsUrl = server.Services.GetRequiredService<MetricsListener>().Addresses.First();
        var metricsAuthority = metricsUrl.GetLeftPart(UriPartial.Authority);

        // The ready line names the metrics listener after the web listener, not among the gRPC addresses scripts read.
        var ready = log.Entries.Single(e => e.Message.StartsWith("SupportChat ready on ", StringComparison.Ordinal)).Message;
        Assert.Contains($"; metrics on {metricsAuthority};", ready, StringComparison.Ordinal);
        Assert.StartsWith($"SupportChat ready on {server.Url.TrimEnd('/')}; web on ", ready, StringComparison.Ordinal);
        using var metrics = new HttpClient { BaseAddress = metricsUrl };
        using var web = new HttpClient { BaseAddress = new Uri(server.WebUrl) };

        Assert.NotEqual(new Uri(server.WebUrl).Port, metricsUrl.Port);
        // An instrument shows once recorded; before any traffic, the exporter's own target_info is there.
        Assert.NotNull(PrometheusText.Parse(await metrics.GetStringAsync("/metrics")).TypeOf("target_info"));
        Assert.Equal(HttpStatusCode.OK, (await metrics.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.GetAsync("/metrics")).StatusCode);
    }

    /// <summary>Scrapes until <paramref name="done"/> holds, for figures that follow an event the client cannot await.</summary>
    private static async Task<PrometheusText> ScrapeUntilAsync(HttpClient http, Func<PrometheusText, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var scrape = await ScrapeAsync(http);
            if (done(scrape))
            {
                return scrape;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not {what} within 15 s");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<PrometheusText> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }
}
