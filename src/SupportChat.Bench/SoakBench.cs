using System.Diagnostics;
using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;
using SupportChat.Bench.Workloads;

namespace SupportChat.Bench;

/// <summary>
/// `supportchat bench soak`: N conversations open at once, every participant sending one message every S seconds
/// (jittered), as people chat; measures latency, the server's CPU per wall second and its memory per conversation, and
/// checks that every message arrived once, in order.
/// </summary>
public static class SoakBench
{
    private const string Department = "soak";
    private const string WarmUpDepartment = "warmup";

    public static async Task<bool> RunAsync(BenchTarget target, SoakSettings settings, bool json, CancellationToken token)
    {
        await using var server = target.Servers is null ? await ServerProcess.StartChatAsync([Department, WarmUpDepartment], token) : null;
        var servers = target.Servers ?? [server!.Url];
        var department = target.Servers is null ? Department : target.Department;
        var warmUp = WarmUp.Settings(new RelaySettings(settings.Conversations, 200, 0, SoakSettings.Size));
        using var channels = new BenchChannels(servers, settings.Streams + (2 * WarmUp.Rounds * warmUp.Pairs), target.StreamsPerConnection,
            target.CaCertificatePath);
        var endpoints = new List<IRelayEndpoint>();
        try
        {
            // A few conversations at full speed first: compiled code, the store's pages and the pools are one-time costs,
            // not memory per conversation nor CPU of the measured pace.
            await WarmUp.RunAsync(warmUp, round => ChatRelaySetup.OpenAsync(channels, round.Pairs, round.Messages,
                target.Servers is null ? WarmUpDepartment : department, new Latencies(), token), endpoints, server, token);
            var rssBefore = server?.ResidentBytes();

            var latencies = new Latencies();
            var opening = Stopwatch.GetTimestamp();
            var participants = await SoakSetup.OpenAsync(channels, settings.Conversations, settings.MaxMessages, department, latencies, endpoints, token);
            var secondsToConnect = Stopwatch.GetElapsedTime(opening).TotalSeconds;

            var run = await SoakRun.RunAsync(participants, settings, server, token);
            var figures = new List<(string, string, object?)>
            {
                ("conversations", "conversations", settings.Conversations),
                ("streams", "streams", settings.Streams),
                ("interval s", "interval_s", settings.Interval),
                ("offered msgs/s", "rate", settings.Rate),
                ("seconds to connect", "seconds_to_connect", secondsToConnect),
                ("warm-up s", "warm_up_s", settings.WarmUpSeconds),
                ("measured s", "seconds", run.Seconds),
                ("expected", "expected", run.Expected),
                ("delivered", "delivered", run.Delivered),
                ("lost", "lost", run.Lost),
                ("duplicated", "duplicated", run.Duplicated),
                ("reordered", "reordered", run.Reordered),
                ("msgs/s delivered", "msgs_per_sec", run.MessagesPerSecond),
            };
            BenchReport.AddLatencies(figures, "latency", latencies);
            figures.AddRange(
            [
                ("server CPU s", "server_cpu_s", run.ServerCpuSeconds),
                ("server CPU s per s", "server_cpu_per_s", run.ServerCpuSeconds / run.Seconds),
                ("server RSS before MB", "server_rss_before_mb", rssBefore / 1048576.0),
                ("server RSS MB", "server_rss_mb", run.ServerRssBytes / 1048576.0),
                ("server RSS per conv. KB", "server_rss_per_conversation_kb", (run.ServerRssBytes - rssBefore) / 1024.0 / settings.Conversations),
                ("server peak RSS MB", "server_peak_rss_mb", server is null ? null : server.PeakResidentBytes() / 1048576.0),
                ("bench CPU s per s", "bench_cpu_per_s", run.BenchCpuSeconds / run.Seconds),
                ("retried", "retried", run.Retried),
                ("sends failed", "sends_failed", run.SendsFailed),
            ]);
            BenchReport.WriteFigures($"soak: {settings.Conversations} conversations, one message per participant every "
                + $"{settings.Interval.ToString(System.Globalization.CultureInfo.InvariantCulture)} s, "
                + (target.Servers is null ? "server started by the bench (durability full)" : $"server {string.Join(",", target.Servers)}"), figures, json);
            return run.Lost == 0 && run.Duplicated == 0 && run.Reordered == 0;
        }
        finally
        {
            await RelayEndpoints.DisposeAllAsync(endpoints);
        }
    }
}
