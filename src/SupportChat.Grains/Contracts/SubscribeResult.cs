namespace SupportChat.Grains.Contracts;

/// <summary>The conversation as it stands, and every message after the subscriber's cursor.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.SubscribeResult")]
public sealed record SubscribeResult(
    [property: Id(0)] ConversationSnapshot Conversation,
    [property: Id(1)] IReadOnlyList<MessageView> Backlog)
{
    /// <summary>Issue 21: the private notes placed after the cursor (after_seq at or past it), for an agent only; always
    /// empty for the customer.</summary>
    [Id(2)]
    public IReadOnlyList<NoteView> Notes { get; init; } = [];
}
