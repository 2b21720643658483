namespace SupportChat.Grains.Contracts;

/// <summary>A conversation to put in a department queue. Front: ahead of everyone (its agent vanished).</summary>
[GenerateSerializer, Immutable, Alias("supportchat.QueueEntry")]
public sealed record QueueEntry(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string CustomerName,
    [property: Id(2)] DateTimeOffset ArrivedAt,
    [property: Id(3)] bool Front);
