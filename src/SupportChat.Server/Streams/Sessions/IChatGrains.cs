using SupportChat.Grains.Contracts;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>
/// The grains a participant's stream talks to, and the object references through which grains call the stream back.
/// Sessions and roles reach Orleans only through this, so they can be tested with hand-written grains.
/// </summary>
internal interface IChatGrains
{
    IConversationGrain Conversation(string conversationId);

    IAgentGrain Agent(string agentId);

    IDepartmentQueueGrain Queue(string department);

    /// <summary>A reference grains can call; Orleans holds <paramref name="target"/> itself only weakly.</summary>
    IChatObserver CreateObserverReference(IChatObserver target);

    void DeleteObserverReference(IChatObserver reference);
}
