using System.Diagnostics;
using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;

namespace SupportChat.Bench.Workloads;

/// <summary>
/// Both sides of every pair send their messages at once (back to back, or paced to the offered rate) and every
/// receiver checks what arrives. Ends when everything has arrived, or when nothing has for <see cref="StallTimeout"/>.
/// </summary>
internal static class RelayWorkload
{
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);

    public static async Task<RelayResult> RunAsync(IReadOnlyList<IRelayEndpoint> endpoints, RelaySettings settings, Latencies latencies,
        ServerProcess? server, BenchProgress progress, CancellationToken token)
    {
        server?.MarkCpu();
        var started = Stopwatch.GetTimestamp();
        var interval = settings.Rate > 0 ? endpoints.Count / settings.Rate : 0;
        var sending = endpoints.Select((endpoint, i) => SendAllAsync(endpoint, settings, interval, i, started, token)).ToList();
        var everything = Task.WhenAll(endpoints.Select(e => e.Check.Complete));
        long delivered = 0;
        var lastProgress = Stopwatch.GetTimestamp();
        while (!everything.IsCompleted && Stopwatch.GetElapsedTime(lastProgress) < StallTimeout)
        {
            await Task.WhenAny(everything, Task.Delay(200, token));
            var now = endpoints.Sum(e => (long)e.Check.Delivered);
            if (now != delivered)
            {
                delivered = now;
                lastProgress = Stopwatch.GetTimestamp();
            }

            progress.Report(now, settings.Expected);
        }

        progress.Done();
        await Task.WhenAll(sending);
        var ended = endpoints.Max(e => e.Check.LastDeliveryAt);
        var seconds = ended > started ? Stopwatch.GetElapsedTime(started, ended).TotalSeconds : 0;
        return new RelayResult(
            settings.Expected,
            endpoints.Sum(e => (long)e.Check.Delivered),
            endpoints.Sum(e => (long)e.Check.Duplicated),
            endpoints.Sum(e => (long)e.Check.Reordered),
            endpoints.Sum(e => e.Retried),
            seconds,
            latencies,
            server?.CpuSecondsSinceMark(),
            server is null ? null : server.PeakResidentBytes() / (1024.0 * 1024.0));
    }

    private static async Task SendAllAsync(IRelayEndpoint endpoint, RelaySettings settings, double interval, int index, long started,
        CancellationToken token)
    {
        await Task.Yield();
        // Paced senders start at staggered offsets so the offered load is smooth rather than in lockstep waves.
        var phase = interval * index / Math.Max(1, 2 * settings.Pairs);
        for (var number = 1L; number <= settings.Messages; number++)
        {
            if (interval > 0)
            {
                var due = TimeSpan.FromSeconds(phase + (number - 1) * interval) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, token);
                }
            }

            await endpoint.SendAsync(number, BenchText.Create(number, settings.Size), token);
        }
    }
}
