using SupportChat.Server.Logging;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Hosting;

/// <summary>
/// Watches the cluster for nodes declared dead. Every node then has its open streams register again (the grains
/// that knew them may have died and come back elsewhere, knowing nobody); the oldest live node also sweeps the open
/// conversations and the agents, so that queues rebuilt elsewhere are refilled and streams that died with the node
/// start their grace periods. Nothing happens on a single node: no other node can die.
/// </summary>
internal sealed class ClusterWatch(
    IClusterMembershipService membership, ILocalSiloDetails local, OpenSessions sessions, ConversationRecovery recovery,
    ILogger<ClusterWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var lost = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && !m.SiloAddress.Equals(local.SiloAddress) && dead.Add(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToList();
                if (first)
                {
                    first = false; // nodes that were dead before this one started are not news
                    continue;
                }

                if (lost.Count > 0)
                {
                    await OnNodesLostAsync(snapshot, lost, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task OnNodesLostAsync(ClusterMembershipSnapshot snapshot, List<SiloAddress> lost, CancellationToken cancellationToken)
    {
        var oldest = snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(s => s.Generation)
            .ThenBy(s => s.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault();
        var sweeps = local.SiloAddress.Equals(oldest);
        ServerLog.NodeLost(logger, string.Join(", ", lost), sessions.Count, sweeps ? " and sweeping the open conversations" : string.Empty);
        sessions.RefreshAll();
        if (!sweeps)
        {
            return;
        }

        try
        {
            await recovery.AfterNodeLossAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ServerLog.NodeLostCheckFailed(logger, ex);
        }
    }
}
