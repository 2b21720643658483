using SupportChat.Domain.Conversations;

namespace SupportChat.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("supportchat.ConversationSnapshot")]
public sealed record ConversationSnapshot(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string CustomerName,
    [property: Id(3)] string Department,
    [property: Id(4)] ConversationStatus Status,
    [property: Id(5)] string? AgentId,
    [property: Id(6)] string? AgentName,
    [property: Id(7)] long LastSeq,
    [property: Id(8)] DateTimeOffset StartedAt,
    [property: Id(9)] string AgentTitle,
    [property: Id(10)] EndedBy? EndedBy,
    [property: Id(11)] string CustomerEmail = "");
