namespace SupportChat.Grains.Board;

/// <summary>An open conversation as the supervisor's board shows it, told by its grain whenever this changes.
/// Version orders reports sent one-way (which may arrive out of order); each activation starts above the last one's.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.ConversationBoardRow")]
public sealed record ConversationBoardRow(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Customer,
    [property: Id(2)] string? AgentId,
    [property: Id(3)] string? Agent,
    [property: Id(4)] string Department,
    [property: Id(5)] bool Queued,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset? QueuedSince,
    [property: Id(8)] DateTimeOffset? UnansweredSince,
    [property: Id(9)] long Version = 0);
