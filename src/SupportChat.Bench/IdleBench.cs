using System.Diagnostics;
using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;
using SupportChat.Bench.Workloads;

namespace SupportChat.Bench;

/// <summary>`supportchat bench idle`: N customers connect, join a department nobody serves, and wait; the server's
/// resident memory growth per session is measured.</summary>
public static class IdleBench
{
    private const int WarmUpSessions = 100;
    private const int JoinsInFlight = 200;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    public static async Task<bool> RunAsync(BenchTarget target, int sessions, bool json, CancellationToken token)
    {
        await using var server = target.Servers is null ? await ServerProcess.StartChatAsync(["idle"], token) : null;
        var servers = target.Servers ?? [server!.Url];
        var department = target.Servers is null ? "idle" : target.Department;
        using var channels = new BenchChannels(servers, sessions + WarmUpSessions, target.StreamsPerConnection, target.CaCertificatePath);
        var endpoints = new List<IRelayEndpoint>();
        try
        {
            // The first sessions pay for one-time costs (compiled code, the queue, the store's pages): not per-session memory.
            await ConnectAsync(channels, WarmUpSessions, department, endpoints, "warm-up ", token);
            await Task.Delay(Settle, token);
            var before = server?.ResidentBytes();
            server?.MarkCpu();
            var started = Stopwatch.GetTimestamp();
            var connected = await ConnectAsync(channels, sessions, department, endpoints, "sessions", token);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Task.Delay(Settle, token);
            var after = server?.ResidentBytes();
            var figures = new List<(string, string, object?)>
            {
                ("sessions", "sessions", sessions),
                ("connected", "connected", connected),
                ("streams per connection", "streams_per_connection", target.StreamsPerConnection),
                ("seconds to connect", "seconds", seconds),
                ("server RSS before MB", "server_rss_before_mb", before / 1048576.0),
                ("server RSS after MB", "server_rss_after_mb", after / 1048576.0),
                ("server RSS per session KB", "server_rss_per_session_kb", before is { } b && after is { } a && connected > 0 ? (a - b) / 1024.0 / connected : null),
                ("server CPU s", "server_cpu_s", server?.CpuSecondsSinceMark()),
                ("server peak RSS MB", "server_peak_rss_mb", server is null ? null : server.PeakResidentBytes() / 1048576.0),
            };
            BenchReport.WriteFigures($"idle: {sessions} connected customers waiting in a queue", figures, json);
            return connected == sessions;
        }
        finally
        {
            await RelayEndpoints.DisposeAllAsync(endpoints);
        }
    }

    private static async Task<int> ConnectAsync(BenchChannels channels, int count, string department, List<IRelayEndpoint> endpoints, string label,
        CancellationToken token)
    {
        var progress = new BenchProgress(label);
        var gate = new SemaphoreSlim(JoinsInFlight);
        var done = 0;
        var joins = Enumerable.Range(1, count).Select(async i =>
        {
            await gate.WaitAsync(token);
            try
            {
                var customer = await ChatRelaySetup.CustomerAsync(channels.Next(), $"Idle Customer {i}", department,
                    new DeliveryCheck(0, new Latencies()), token);
                lock (endpoints)
                {
                    endpoints.Add(customer);
                }

                await customer.Hello.WaitAsync(ChatRelaySetup.SetupTimeout, token);
                progress.Report(Interlocked.Increment(ref done), count);
                return true;
            }
            catch (Exception ex) when (ex is TimeoutException or Grpc.Core.RpcException)
            {
                return false;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(joins);
        progress.Done();
        return results.Count(ok => ok);
    }
}
