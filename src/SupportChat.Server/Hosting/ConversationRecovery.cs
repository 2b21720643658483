using SupportChat.Domain.Persistence;
using SupportChat.Grains.Contracts;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;

namespace SupportChat.Server.Hosting;

/// <summary>
/// After a restart, wakes every conversation the store says is still open. Each one puts itself back in
/// its queue (waiting customers keep their order) or reports to its agent, and starts the grace periods for
/// participants who do not come back. After a node of a cluster died, the same sweep refills the queues and agents
/// that died with it, and every queue has its agents check that their streams are still there.
/// </summary>
internal sealed class ConversationRecovery(IChatStore store, IGrainFactory grains, DepartmentCatalog departments, ILogger<ConversationRecovery> logger)
{
    public async Task AfterNodeLossAsync(CancellationToken cancellationToken)
    {
        await RecoverAsync(cancellationToken);
        foreach (var department in departments.All)
        {
            await grains.GetGrain<IDepartmentQueueGrain>(department).CheckAgents();
        }
    }

    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var open = await store.ListOpenConversationsAsync(cancellationToken);
        if (open.Count == 0)
        {
            return;
        }

        // A few at a time; the queue orders waiting customers by arrival whatever order they report in.
        await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (conversation, _) =>
            {
                try
                {
                    await grains.GetGrain<IConversationGrain>(conversation.Id).Recover();
                }
                catch (Exception ex)
                {
                    ServerLog.RecoveryFailed(logger, ex, conversation.Id);
                }
            });
        ServerLog.Recovered(logger, open.Count);
    }
}
