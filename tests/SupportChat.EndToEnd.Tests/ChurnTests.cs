using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace SupportChat.EndToEnd.Tests;

/// <summary>
/// 20,000 streams opened and dropped against one server (joins, resumes, agents' sign-ins, all cancelled by the client):
/// afterwards the server holds what it held before, within a small margin. Grace periods and the ended conversations'
/// linger are one second, so everything the streams left behind is due to go within seconds.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ChurnTests(ITestOutputHelper output)
{
    private const int Streams = 20_000;
    private const int WarmUpStreams = 1_000;
    private const int InFlight = 64;
    private const int Connections = 8;
    private const int Agents = 20;

    // Pools and buffers (Kestrel's, gRPC's, Orleans' messaging) settle at a size of their own after a bigger load than
    // the warm-up's: +2 MB measured, and the same after a second and a third churn. What stays per stream is far above
    // the margin: the ended conversations left active came to ~4 KB each (28 -> 79 MB), the grain locations Orleans
    // cached ~300 bytes a conversation. 10 MB catches anything that keeps 500 bytes a stream.
    private const long HeapMargin = 10L << 20;

    // A bound that makes the test stop by itself, not a speed requirement: 20,000 streams take 20-70 s on 2 cores, and
    // more than 2 minutes when the machine runs other test hosts at the same time.
    private static readonly TimeSpan ChurnLimit = TimeSpan.FromMinutes(8);

    // Customer and agent grace (1 s), the linger of an ended conversation (1 s) and of an observer reference (10 s),
    // plus the time the server takes to work through the backlog of departures on a busy 2-core machine.
    private static readonly TimeSpan SettleLimit = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Many_streams_opened_and_dropped_leave_grains_sessions_observers_and_heap_as_they_were()
    {
        await using var server = await TestServer.StartWithAsync(new Dictionary<string, string?>
        {
            ["Chat:CustomerGrace"] = "00:00:01",
            ["Chat:AgentGrace"] = "00:00:01",
            ["Chat:EndedLinger"] = "00:00:01",
            ["Chat:JoinBurstPerConnection"] = "100000",
            ["Chat:JoinRatePerConnection"] = "100000",
            ["Store:Durability"] = "Normal",

            // Orleans caches the location of every grain it ever registered, up to this bound (see SiloOptions): small,
            // so that the heap shows what the server keeps, not how far the cache has filled.
            ["Orleans:DirectoryCacheSize"] = "1000",
        });
        var channels = Enumerable.Range(0, Connections).Select(_ => GrpcChannel.ForAddress(server.Url)).ToArray();
        try
        {
            // The warm-up signs every agent in at least once, and fills the pools and caches that stay.
            var workload = new ChurnWorkload(channels, Agents);
            await ChurnAsync(workload, WarmUpStreams);
            var before = await SettleAsync(server, c => c is { Conversations: 0, Sessions: 0, Observers: 0 }, "after the warm-up");
            // The baseline is a server at rest: nothing of the warm-up's streams is left.
            Assert.Equal(new { Conversations = 0, Sessions = 0, Observers = 0 }, new { before.Conversations, before.Sessions, before.Observers });
            var heapBefore = NodeCounts.HeapAfterFullCollection();

            await ChurnAsync(workload, Streams);
            var after = await SettleAsync(server, c => c == before with { Activations = c.Activations }, "after the churn");
            var heapAfter = NodeCounts.HeapAfterFullCollection();
            var failures = string.Join(", ", workload.Failures.Select(f => $"{f.Key} {f.Value}"));
            output.WriteLine($"heap {Mb(heapBefore)} before, {Mb(heapAfter)} after; streams the server ended: {failures}");

            // Agents are always active, one per agent who ever signed in (all of them in the warm-up), and so is the one
            // department's queue; conversations, sessions and observer references are all gone.
            Assert.Equal(before with { Activations = 0 }, after with { Activations = 0 });
            Assert.Equal((Agents, 1), (after.Agents, after.Queues));

            // ABORTED: a newer sign-in of the same agent took over before this one was up. Anything else (UNKNOWN above all,
            // an exception nobody mapped) is the server failing a stream.
            Assert.True(workload.Failures.Keys.All(code => code == StatusCode.Aborted), $"streams the server ended: {failures}");
            Assert.True(heapAfter <= heapBefore + HeapMargin, $"managed heap {Mb(heapBefore)} -> {Mb(heapAfter)}");
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MB";

    private async Task ChurnAsync(ChurnWorkload workload, int streams)
    {
        using var limit = new CancellationTokenSource(ChurnLimit);
        var clock = Stopwatch.StartNew();
        await workload.RunAsync(streams, InFlight, limit.Token);
        output.WriteLine($"{streams} streams in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Polls the server's counts until they settle (nothing tells when the last timer has fired and the last
    /// activation has gone); past the deadline, returns them as they are for the assertions to report.</summary>
    private async Task<NodeCounts> SettleAsync(TestServer server, Func<NodeCounts, bool> settled, string when)
    {
        var clock = Stopwatch.StartNew();
        var counts = await NodeCounts.ReadAsync(server.Services);
        output.WriteLine($"{when}: {counts}");
        while (!settled(counts) && clock.Elapsed < SettleLimit)
        {
            await Task.Delay(PollInterval);
            counts = await NodeCounts.ReadAsync(server.Services);
        }

        output.WriteLine($"{when}, {clock.Elapsed.TotalSeconds:0.0} s later: {counts}");
        return counts;
    }
}
