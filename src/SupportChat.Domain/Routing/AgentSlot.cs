namespace SupportChat.Domain.Routing;

/// <summary>What routing needs to know of one agent in one department.</summary>
public sealed record AgentSlot(
    string AgentId,
    string Name,
    int OpenConversations,
    int Capacity,
    bool Available,
    DateTimeOffset IdleSince)
{
    public bool HasRoom => Available && OpenConversations < Capacity;
}
