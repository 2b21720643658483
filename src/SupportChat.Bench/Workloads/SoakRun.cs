using System.Diagnostics;
using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;

namespace SupportChat.Bench.Workloads;

/// <summary>
/// The paced part of a soak on open conversations: a warm-up at the same pace (checked, not measured), the measured
/// seconds, then no new sends while what is in flight arrives (until everything has, or nothing has for
/// <see cref="RelayWorkload.StallTimeout"/>).
/// </summary>
internal static class SoakRun
{
    public static async Task<SoakResult> RunAsync(IReadOnlyList<IRelayEndpoint> participants, SoakSettings settings, ServerProcess? server,
        CancellationToken token)
    {
        var senders = new SoakSenders(participants, settings.MaxMessages);
        var started = Stopwatch.GetTimestamp();
        var schedule = new SoakSchedule(participants.Count, started, Ticks(settings.Interval), Random.Shared);
        await senders.RunAsync(schedule, started + Ticks(settings.WarmUpSeconds), new BenchProgress("warm-up "), token);

        var marked = Stopwatch.GetTimestamp();
        foreach (var participant in participants)
        {
            participant.Check.MeasureSentFrom = marked;
        }

        server?.MarkCpu();
        using var self = Process.GetCurrentProcess();
        var benchCpu = self.TotalProcessorTime;
        var deliveredBefore = Delivered(participants);
        await senders.RunAsync(schedule, marked + Ticks(settings.Seconds), new BenchProgress("soak    "), token);
        var seconds = Stopwatch.GetElapsedTime(marked).TotalSeconds;
        var serverCpu = server?.CpuSecondsSinceMark();
        var serverRss = server?.ResidentBytes();
        self.Refresh();
        var benchCpuSeconds = (self.TotalProcessorTime - benchCpu).TotalSeconds;
        var deliveredMeasured = Delivered(participants) - deliveredBefore;

        await DrainAsync(participants, senders, token);
        return new SoakResult(
            senders.Sent,
            Delivered(participants),
            participants.Sum(p => (long)p.Check.Duplicated),
            participants.Sum(p => (long)p.Check.Reordered),
            participants.Sum(p => p.Retried),
            senders.Failed,
            seconds,
            deliveredMeasured / seconds,
            serverCpu,
            serverRss,
            benchCpuSeconds);
    }

    private static async Task DrainAsync(IReadOnlyList<IRelayEndpoint> participants, SoakSenders senders, CancellationToken token)
    {
        var progress = new BenchProgress("arriving");
        var writes = senders.CompleteAsync();
        var delivered = Delivered(participants);
        var lastProgress = Stopwatch.GetTimestamp();
        while ((delivered < senders.Sent || !writes.IsCompleted) && Stopwatch.GetElapsedTime(lastProgress) < RelayWorkload.StallTimeout)
        {
            await Task.WhenAny(writes, Task.Delay(100, token));
            var now = Delivered(participants);
            if (now != delivered)
            {
                delivered = now;
                lastProgress = Stopwatch.GetTimestamp();
            }

            progress.Report(now, senders.Sent);
        }

        progress.Done();
    }

    private static long Delivered(IReadOnlyList<IRelayEndpoint> participants) => participants.Sum(p => (long)p.Check.Delivered);

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
