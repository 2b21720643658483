using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;
using SupportChat.Bench.Workloads;

namespace SupportChat.Bench;

/// <summary>`supportchat bench`: the relay workload on the chat server and, with --baseline, on the bare relay.</summary>
public static class RelayBench
{
    private const string Department = "bench";
    private const string WarmUpDepartment = "warmup";

    public static async Task<bool> RunAsync(BenchTarget target, RelaySettings settings, bool baseline, bool json, CancellationToken token)
    {
        var chat = await RunChatAsync(target, settings, token);
        RelayResult? bare = null;
        if (baseline)
        {
            bare = await RunBareAsync(target, settings, token);
        }

        BenchReport.WriteRelay(settings, target, chat, bare, json);
        return chat.Lost == 0 && chat.Duplicated == 0 && chat.Reordered == 0;
    }

    private static async Task<RelayResult> RunChatAsync(BenchTarget target, RelaySettings settings, CancellationToken token)
    {
        await using var server = target.Servers is null ? await ServerProcess.StartChatAsync([Department, WarmUpDepartment], token) : null;
        var servers = target.Servers ?? [server!.Url];
        var department = target.Servers is null ? Department : target.Department;
        var warmUpDepartment = target.Servers is null ? WarmUpDepartment : target.Department;
        using var channels = new BenchChannels(servers, 4 * settings.Pairs + 2 * WarmUp.Pairs(settings), target.StreamsPerConnection, target.CaCertificatePath);
        var endpoints = new List<IRelayEndpoint>();
        try
        {
            await WarmUp.RunAsync(settings, round => ChatRelaySetup.OpenAsync(channels, round.Pairs, round.Messages, warmUpDepartment, new Latencies(), token),
                endpoints, server, token);

            var latencies = new Latencies();
            var measured = await ChatRelaySetup.OpenAsync(channels, settings.Pairs, settings.Messages, department, latencies, token);
            endpoints.AddRange(measured);
            return await RelayWorkload.RunAsync(measured, settings, latencies, server, new BenchProgress("chat    "), token);
        }
        finally
        {
            await RelayEndpoints.DisposeAllAsync(endpoints);
        }
    }

    private static async Task<RelayResult> RunBareAsync(BenchTarget target, RelaySettings settings, CancellationToken token)
    {
        await using var server = await ServerProcess.StartBaselineAsync(token);
        using var channels = new BenchChannels([server.Url], 4 * settings.Pairs + 2 * WarmUp.Pairs(settings), target.StreamsPerConnection);
        var endpoints = new List<IRelayEndpoint>();
        try
        {
            await WarmUp.RunAsync(settings, round => BareRelaySetup.OpenAsync(channels, round.Pairs, round.Messages, new Latencies(), token),
                endpoints, server, token);

            var latencies = new Latencies();
            var measured = await BareRelaySetup.OpenAsync(channels, settings.Pairs, settings.Messages, latencies, token);
            endpoints.AddRange(measured);
            return await RelayWorkload.RunAsync(measured, settings, latencies, server, new BenchProgress("baseline"), token);
        }
        finally
        {
            await RelayEndpoints.DisposeAllAsync(endpoints);
        }
    }
}
