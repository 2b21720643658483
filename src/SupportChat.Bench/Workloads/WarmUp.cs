using System.Diagnostics;
using System.Runtime;
using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;

namespace SupportChat.Bench.Workloads;

/// <summary>
/// Rounds of the workload before the measured run, each followed by a pause until both processes are done compiling.
/// .NET first runs a method as quickly compiled code and compiles it again, optimized, on a background thread once it is
/// hot and no new code has been compiled for a moment; a single short round leaves much of the hot path unoptimized, so
/// a run of a second or two would measure the compiler rather than the relay (a long-running server is past this).
/// </summary>
internal static class WarmUp
{
    public const int Rounds = 3;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(5);

    // An idle server still runs its timers; more CPU than this in a poll interval means it is still compiling.
    private const double IdleServerCpuSeconds = 0.01;

    public static int Pairs(RelaySettings settings) => Math.Min(settings.Pairs, 20);

    public static RelaySettings Settings(RelaySettings settings) =>
        settings with { Pairs = Pairs(settings), Messages = Math.Min(settings.Messages, 300), Rate = 0 };

    /// <summary>Runs the rounds; <paramref name="open"/> sets up a fresh set of endpoints for each (kept in <paramref name="opened"/>
    /// for the caller to dispose).</summary>
    public static async Task RunAsync(RelaySettings settings, Func<RelaySettings, Task<List<IRelayEndpoint>>> open, List<IRelayEndpoint> opened,
        ServerProcess? server, CancellationToken token)
    {
        var round = Settings(settings);
        for (var i = 1; i <= Rounds; i++)
        {
            var endpoints = await open(round);
            opened.AddRange(endpoints);
            await RelayWorkload.RunAsync(endpoints, round, new Latencies(), null, new BenchProgress($"warm-up {i}"), token);
            await SettleAsync(server, token);
        }
    }

    /// <summary>Waits (up to a few seconds) until neither this process nor the server has compiled anything for a few polls.</summary>
    public static async Task SettleAsync(ServerProcess? server, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        var quiet = 0;
        while (quiet < 3 && Stopwatch.GetElapsedTime(started) < MaxSettle)
        {
            server?.MarkCpu();
            var compiled = JitInfo.GetCompiledMethodCount();
            await Task.Delay(Poll, token);
            var serverBusy = server is not null && server.CpuSecondsSinceMark() > IdleServerCpuSeconds;
            quiet = JitInfo.GetCompiledMethodCount() == compiled && !serverBusy ? quiet + 1 : 0;
        }
    }
}
