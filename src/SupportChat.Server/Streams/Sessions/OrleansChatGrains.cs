using SupportChat.Grains.Contracts;
using SupportChat.Grains.Observers;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>The grains of the co-hosted silo.</summary>
internal sealed class OrleansChatGrains(IGrainFactory grains, LocalObservers local) : IChatGrains
{
    public IConversationGrain Conversation(string conversationId) => grains.GetGrain<IConversationGrain>(conversationId);

    public IAgentGrain Agent(string agentId) => grains.GetGrain<IAgentGrain>(agentId);

    public IDepartmentQueueGrain Queue(string department) => grains.GetGrain<IDepartmentQueueGrain>(department);

    public IChatObserver CreateObserverReference(IChatObserver target)
    {
        var reference = grains.CreateObjectReference<IChatObserver>(target);
        local.Add(reference, target);
        return reference;
    }

    public void DeleteObserverReference(IChatObserver reference)
    {
        local.Remove(reference);
        grains.DeleteObjectReference<IChatObserver>(reference);
    }
}
