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
    [property: Id(8)] string CustomerEmail = "")
{
    /// <summary>Issue 21: for the agent who takes over only (never the customer's view): the note it was handed the
    /// conversation with, and who wrote it; empty otherwise.</summary>
    [Id(9)]
    public string HandoverNote { get; init; } = string.Empty;

    [Id(10)]
    public string HandoverFrom { get; init; } = string.Empty;
}
