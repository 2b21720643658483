using SupportChat.Client.Events;

namespace SupportChat.Client.History;

/// <summary>A conversation with all of its messages in seq order.</summary>
public sealed record Transcript(ConversationSummary Conversation, IReadOnlyList<MessageReceived> Messages);
