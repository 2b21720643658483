using System.Collections.Concurrent;
using SupportChat.Grains.Contracts;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Tests.Fakes;

/// <summary>
/// Hand-written grains instead of a cluster: one fake per key, made on first use. An observer "reference" is the
/// observer itself, so what a fake grain notifies goes straight into the session, as a one-way call would.
/// </summary>
internal sealed class FakeChatGrains : IChatGrains
{
    private readonly ConcurrentDictionary<string, FakeConversationGrain> _conversations = new();
    private readonly ConcurrentDictionary<string, FakeAgentGrain> _agents = new();
    private readonly ConcurrentDictionary<string, FakeQueueGrain> _queues = new();

    public CallLog ObserverCalls { get; } = new();

    public IReadOnlyCollection<FakeConversationGrain> Conversations => [.. _conversations.Values];

    public FakeConversationGrain FakeConversation(string conversationId) => _conversations.GetOrAdd(conversationId, id => new FakeConversationGrain(id));

    public FakeAgentGrain FakeAgent(string agentId) => _agents.GetOrAdd(agentId, _ => new FakeAgentGrain());

    public FakeQueueGrain FakeQueue(string department) => _queues.GetOrAdd(department, _ => new FakeQueueGrain());

    public IConversationGrain Conversation(string conversationId) => FakeConversation(conversationId);

    public IAgentGrain Agent(string agentId) => FakeAgent(agentId);

    public IDepartmentQueueGrain Queue(string department) => FakeQueue(department);

    public IChatObserver CreateObserverReference(IChatObserver target)
    {
        ObserverCalls.Record("Create");
        return target;
    }

    public void DeleteObserverReference(IChatObserver reference) => ObserverCalls.Record("Delete");
}
