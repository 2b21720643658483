using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Queues;

/// <summary>
/// One activation per department: the single place where its customers are matched to agents,
/// so nobody is assigned twice. Inbound calls are one-way so that the agent and conversation
/// grains it calls can report back without a call cycle.
/// </summary>
[Alias("supportchat.IDepartmentQueueGrain")]
public interface IDepartmentQueueGrain : IGrainWithStringKey
{
    [OneWay, Alias("Enqueue")]
    Task Enqueue(QueueEntry entry);

    [OneWay, Alias("Cancel")]
    Task Cancel(string conversationId);

    [OneWay, Alias("UpsertAgent")]
    Task UpsertAgent(AgentSlotUpdate update);

    [Alias("GetStatus")]
    Task<QueueStatus> GetStatus();
}
