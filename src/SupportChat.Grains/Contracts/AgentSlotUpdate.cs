using SupportChat.Domain.Routing;

namespace SupportChat.Grains.Contracts;

/// <summary>An agent's load as told to a department queue. Version orders updates that are sent one-way
/// and so may arrive out of order; Online false means the agent left.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.AgentSlotUpdate")]
public sealed record AgentSlotUpdate(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Name,
    [property: Id(2)] int OpenConversations,
    [property: Id(3)] int Capacity,
    [property: Id(4)] bool Available,
    [property: Id(5)] DateTimeOffset IdleSince,
    [property: Id(6)] long Version,
    [property: Id(7)] bool Online)
{
    public AgentSlot ToSlot() => new(AgentId, Name, OpenConversations, Capacity, Available && Online, IdleSince);
}
