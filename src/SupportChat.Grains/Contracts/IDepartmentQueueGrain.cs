namespace SupportChat.Grains.Contracts;

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

    /// <summary>The customer of a waiting conversation lost its stream: it keeps its place but gets no agent until it is
    /// back. The conversation numbers its away and back calls (one-way, so they may arrive out of order): only a call
    /// newer than the last one counts.</summary>
    [OneWay, Alias("CustomerAway")]
    Task CustomerAway(string conversationId, long version);

    /// <summary>The customer of a waiting conversation is back: it may be assigned again, from the place it kept.</summary>
    [OneWay, Alias("CustomerBack")]
    Task CustomerBack(string conversationId, long version);

    /// <summary>Sends the queue's length to one agent now (it signed in, or came back).</summary>
    [OneWay, Alias("ReportLengthTo")]
    Task ReportLengthTo(string agentId);

    /// <summary>After a node died: each agent this queue counts on checks that its stream is still there.</summary>
    [OneWay, Alias("CheckAgents")]
    Task CheckAgents();

    [Alias("GetStatus")]
    Task<QueueStatus> GetStatus();
}
