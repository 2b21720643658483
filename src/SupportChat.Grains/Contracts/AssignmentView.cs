namespace SupportChat.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("supportchat.AssignmentView")]
public sealed record AssignmentView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Department,
    [property: Id(2)] string AgentId,
    [property: Id(3)] string AgentName,
    [property: Id(4)] string AgentTitle,
    [property: Id(5)] string CustomerId,
    [property: Id(6)] string CustomerName,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] string CustomerEmail = "");
