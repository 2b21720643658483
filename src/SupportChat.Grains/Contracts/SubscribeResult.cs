namespace SupportChat.Grains.Contracts;

/// <summary>The conversation as it stands, and every message after the subscriber's cursor.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.SubscribeResult")]
public sealed record SubscribeResult(
    [property: Id(0)] ConversationSnapshot Conversation,
    [property: Id(1)] IReadOnlyList<MessageView> Backlog);
