using SupportChat.Domain.Conversations;

namespace SupportChat.Domain.Events;

/// <summary>The events a conversation's changes make, each filled from the conversation as it is after the change.</summary>
public static class ConversationEvents
{
    /// <summary>Waiting in its department: just opened, transferred, or back after its agent left (agent fields null).</summary>
    public static ChatEvent Queued(Conversation c, DateTimeOffset at, string? reason = null) =>
        Of(c, ChatEventKinds.ConversationQueued, at) with { Reason = reason };

    public static ChatEvent Assigned(Conversation c, DateTimeOffset at) => Of(c, ChatEventKinds.ConversationAssigned, at);

    /// <summary>Sent by <paramref name="agentId"/> from <paramref name="fromDepartment"/> to the conversation's department.</summary>
    public static ChatEvent Transferred(Conversation c, DateTimeOffset at, string fromDepartment, string agentId, string agentName) =>
        Of(c, ChatEventKinds.ConversationTransferred, at) with
        {
            FromDepartment = fromDepartment,
            AgentId = agentId,
            AgentName = agentName,
            Reason = $"transferred to {c.Department}",
        };

    /// <summary>Issue 21: handed by <paramref name="fromAgentId"/> to the conversation's (new) agent by name, in the same
    /// department. The agent fields name the agent it came from, as for a transfer; the reason names the one it went to
    /// (the conversation.assigned event saved with it carries that agent's id).</summary>
    public static ChatEvent HandedOver(Conversation c, DateTimeOffset at, string fromAgentId, string fromAgentName) =>
        Of(c, ChatEventKinds.ConversationTransferred, at) with
        {
            FromDepartment = c.Department,
            AgentId = fromAgentId,
            AgentName = fromAgentName,
            Reason = $"handed over to {c.AgentName}",
        };

    /// <summary>Ended: the agent fields are those of its agent at the end, null when it ended while queued (abandoned in
    /// the queue).</summary>
    public static ChatEvent Ended(Conversation c, string reason) =>
        Of(c, ChatEventKinds.ConversationEnded, c.EndedAt ?? throw new InvalidOperationException($"conversation {c.Id} has not ended.")) with
        {
            Reason = reason,
            EndedBy = c.EndedBy,
        };

    /// <summary>Rated by its customer, after it ended (from the stored record: a rating comes after the grain has let go).</summary>
    public static ChatEvent Rated(ConversationRecord c, ConversationRating rating) =>
        new ChatEvent(ChatEventKinds.ConversationRated, rating.RatedAt)
        {
            ConversationId = c.Id,
            Department = c.Department,
            AgentId = c.AgentId,
            AgentName = c.AgentName,
            CustomerId = c.CustomerId,
            CustomerName = c.CustomerName,
            Score = rating.Score,
        };

    private static ChatEvent Of(Conversation c, string kind, DateTimeOffset at) => new(kind, at)
    {
        ConversationId = c.Id,
        Department = c.Department,
        AgentId = c.AgentId,
        AgentName = c.AgentName,
        CustomerId = c.CustomerId,
        CustomerName = c.CustomerName,
    };
}
