namespace SupportChat.Domain.Conversations;

/// <summary>How the customer rated a conversation after it ended: 1 (poor) to 5 (excellent), with an optional comment.</summary>
public sealed record ConversationRating(int Score, string Comment, DateTimeOffset RatedAt);
