namespace SupportChat.Domain.Messages;

/// <summary>One message as the log holds it: seq is gapless per conversation.</summary>
public sealed record StoredMessage(
    string ConversationId,
    long Seq,
    string MessageId,
    SenderRole From,
    string SenderId,
    string SenderName,
    string Text,
    string ClientMsgId,
    DateTimeOffset SentAt);
