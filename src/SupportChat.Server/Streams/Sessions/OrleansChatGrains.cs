using SupportChat.Grains.Contracts;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>The grains of the co-hosted silo.</summary>
internal sealed class OrleansChatGrains(IGrainFactory grains) : IChatGrains
{
    public IConversationGrain Conversation(string conversationId) => grains.GetGrain<IConversationGrain>(conversationId);

    public IAgentGrain Agent(string agentId) => grains.GetGrain<IAgentGrain>(agentId);

    public IDepartmentQueueGrain Queue(string department) => grains.GetGrain<IDepartmentQueueGrain>(department);

    public IChatObserver CreateObserverReference(IChatObserver target) => grains.CreateObjectReference<IChatObserver>(target);

    public void DeleteObserverReference(IChatObserver reference) => grains.DeleteObjectReference<IChatObserver>(reference);
}
