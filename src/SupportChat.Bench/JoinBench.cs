using System.Diagnostics;
using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;
using SupportChat.Bench.Workloads;
using SupportChat.Protocol.V1;

namespace SupportChat.Bench;

/// <summary>`supportchat bench join`: customers join a department whose agents have room for all of them; the time
/// from opening the stream to the `assigned` event is measured.</summary>
public static class JoinBench
{
    /// <summary>Conversations one agent can hold at most, so the agents must be at least customers / this.</summary>
    public const int MaxPerAgent = Protocol.Rules.ChatLimits.MaxCapacity;

    // Rounds of joins on the warm-up department before the measured run, each followed by a pause until both processes are
    // done compiling (see WarmUp): with one short round the measured joins ran mostly unoptimized code.
    private const int WarmUpCustomers = 200;
    private const int WarmUpRounds = 3;

    public static async Task<bool> RunAsync(BenchTarget target, int customers, double rate, int agents, bool json, CancellationToken token)
    {
        await using var server = target.Servers is null ? await ServerProcess.StartChatAsync(["bench", "warmup"], token) : null;
        var servers = target.Servers ?? [server!.Url];
        var department = target.Servers is null ? "bench" : target.Department;
        using var channels = new BenchChannels(servers, customers + agents + (WarmUpRounds * (WarmUpCustomers + 1)), target.StreamsPerConnection, target.CaCertificatePath);
        var endpoints = new List<IRelayEndpoint>();
        try
        {
            // On a server of its own the warm-up has a department and agents of its own (each round new ones). On a given
            // server it uses the measured department, so the agents need seats for it too (none is left for it when the
            // customers fill them).
            var warmUp = target.Servers is null ? WarmUpCustomers : Math.Clamp((agents * MaxPerAgent) - customers, 0, WarmUpCustomers);
            var seated = customers + (target.Servers is null ? 0 : warmUp);
            var capacity = Math.Clamp((seated + agents - 1) / agents, 1, MaxPerAgent);
            await SignInAgentsAsync(channels, "Join Agent", agents, capacity, department, endpoints, $"{agents} agents did not sign in", token);

            for (var round = 0; round < (target.Servers is null ? WarmUpRounds : 1) && warmUp > 0; round++)
            {
                await JoinAllAsync(channels, warmUp, rate, target.Servers is null ? "warmup" : department, endpoints, new Latencies(), token,
                    warmUpAgent: target.Servers is null);
                await WarmUp.SettleAsync(server, token);
            }
            var latencies = new Latencies();
            server?.MarkCpu();
            var started = Stopwatch.GetTimestamp();
            var assigned = await JoinAllAsync(channels, customers, rate, department, endpoints, latencies, token, warmUpAgent: false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

            var figures = new List<(string, string, object?)>
            {
                ("customers", "customers", customers),
                ("assigned", "assigned", assigned),
                ("join rate offered /s", "rate", rate),
                ("agents x capacity", "agents", $"{agents} x {capacity}"),
                ("seconds", "seconds", seconds),
            };
            BenchReport.AddLatencies(figures, "join->assigned", latencies);
            figures.Add(("server CPU s", "server_cpu_s", server?.CpuSecondsSinceMark()));
            figures.Add(("server peak RSS MB", "server_peak_rss_mb", server is null ? null : server.PeakResidentBytes() / 1048576.0));
            BenchReport.WriteFigures($"join: {customers} customers at {(rate > 0 ? $"{rate}/s" : "full speed")}", figures, json);
            return assigned == customers;
        }
        finally
        {
            await RelayEndpoints.DisposeAllAsync(endpoints);
        }
    }

    /// <summary>Opens customers at the given rate (0: all at once) and waits for their assignments; returns how many were assigned.</summary>
    private static async Task<int> JoinAllAsync(BenchChannels channels, int count, double rate, string department, List<IRelayEndpoint> endpoints,
        Latencies latencies, CancellationToken token, bool warmUpAgent)
    {
        if (warmUpAgent)
        {
            // Agents of this round only, with seats for all of its customers (an earlier round's agents are full).
            await SignInAgentsAsync(channels, "Warm-up Agent", (count + MaxPerAgent - 1) / MaxPerAgent, Math.Min(MaxPerAgent, count), department,
                endpoints, "the warm-up agents did not sign in", token);
        }

        var progress = new BenchProgress("joining ");
        var started = Stopwatch.GetTimestamp();
        var joins = new List<Task<bool>>(count);
        for (var i = 0; i < count; i++)
        {
            if (rate > 0)
            {
                var due = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, token);
                }
            }

            joins.Add(JoinOneAsync(channels, $"Joining Customer {i + 1}", department, endpoints, latencies, token));
            progress.Report(i + 1, count);
        }

        var results = await Task.WhenAll(joins);
        progress.Done();
        return results.Count(assigned => assigned);
    }

    /// <summary>Signs in <paramref name="count"/> agents and waits until all are ready. Their names are of this call only:
    /// an agent of an earlier run's name would get back its leftover conversations.</summary>
    private static async Task SignInAgentsAsync(BenchChannels channels, string name, int count, int capacity, string department,
        List<IRelayEndpoint> endpoints, string failure, CancellationToken token)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var agents = await Task.WhenAll(Enumerable.Range(1, count).Select(i =>
            ChatRelaySetup.AgentAsync(channels.Next(), $"{name} {run}-{i}", capacity, department, new DeliveryCheck(0, new Latencies()), token)));
        lock (endpoints)
        {
            endpoints.AddRange(agents);
        }

        await ChatRelaySetup.WithinAsync(Task.WhenAll(agents.Select(a => a.Hello)), failure, token);
    }

    private static async Task<bool> JoinOneAsync(BenchChannels channels, string name, string department, List<IRelayEndpoint> endpoints,
        Latencies latencies, CancellationToken token)
    {
        var opened = Stopwatch.GetTimestamp();
        var customer = await ChatRelaySetup.CustomerAsync(channels.Next(), name, department, new DeliveryCheck(0, latencies), token);
        lock (endpoints)
        {
            endpoints.Add(customer);
        }

        try
        {
            await customer.Assigned.WaitAsync(ChatRelaySetup.SetupTimeout, token);
            latencies.Add(Stopwatch.GetElapsedTime(opened, customer.AssignedAt).TotalMilliseconds);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or Grpc.Core.RpcException)
        {
            return false;
        }
    }
}
