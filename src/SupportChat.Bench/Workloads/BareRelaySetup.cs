using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;

namespace SupportChat.Bench.Workloads;

/// <summary>Opens both streams of every pair on the baseline relay.</summary>
internal static class BareRelaySetup
{
    public static async Task<List<IRelayEndpoint>> OpenAsync(BenchChannels channels, int pairs, int messages, Latencies latencies,
        CancellationToken token)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var opening = Enumerable.Range(1, pairs)
            .SelectMany(i => new[] { $"{run}-{i}", $"{run}-{i}" })
            .Select(pair => BareEndpoint.OpenAsync(channels.Next(), pair, new DeliveryCheck(messages, latencies), token));
        return [.. await Task.WhenAll(opening)];
    }
}
