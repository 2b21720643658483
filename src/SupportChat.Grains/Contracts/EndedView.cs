using SupportChat.Domain.Conversations;

namespace SupportChat.Grains.Contracts;

/// <summary>The conversation ended (or, for one agent, was taken away from it by a transfer).
/// LastSeq lets the edge deliver every earlier message first.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.EndedView")]
public sealed record EndedView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] EndedBy By,
    [property: Id(2)] string Reason,
    [property: Id(3)] long LastSeq);
