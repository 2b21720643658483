namespace SupportChat.Domain.Conversations;

/// <summary>A conversation as the store keeps it, without its messages.</summary>
public sealed record ConversationRecord(
    string Id,
    string CustomerId,
    string CustomerName,
    string Department,
    ConversationStatus Status,
    string? AgentId,
    string? AgentName,
    IReadOnlyList<string> Agents,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    EndedBy? EndedBy,
    long MessageCount,
    ConversationRating? Rating = null,
    string? CustomerEmail = null);
