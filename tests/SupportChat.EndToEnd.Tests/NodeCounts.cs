using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using SupportChat.Grains.Agents;
using SupportChat.Grains.Conversations;
using SupportChat.Grains.Queues;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.EndToEnd.Tests;

/// <summary>What a server holds for its participants: grain activations by kind (and in all, Orleans' own included),
/// open sessions and observer references not yet deleted.</summary>
internal sealed record NodeCounts(int Conversations, int Agents, int Queues, int Activations, int Sessions, int Observers)
{
    public static async Task<NodeCounts> ReadAsync(IServiceProvider services)
    {
        var statistics = await services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        int Of(Type grain) => statistics.Where(s => s.GrainType.Contains(grain.Name, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        var sessions = services.GetRequiredService<OpenSessions>();
        return new NodeCounts(Of(typeof(ConversationGrain)), Of(typeof(AgentGrain)), Of(typeof(DepartmentQueueGrain)),
            statistics.Sum(s => s.ActivationCount), sessions.Count, sessions.LiveObservers);
    }

    /// <summary>The managed heap after a full, compacting collection (large objects included) and the finalizers it
    /// queued, in bytes.</summary>
    public static long HeapAfterFullCollection()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
