namespace SupportChat.Client.Events;

/// <summary>
/// Issue 21: a private note of a conversation, for agents only (a customer's stream never carries one). Notes take no
/// message seq: show one after the message with seq <paramref name="AfterSeq"/> (before the next). The writer gets its
/// own note back as this event too (<paramref name="IsOwn"/>), which is its acknowledgement. Each note comes once.
/// </summary>
public sealed record NoteReceived(
    string ConversationId, string NoteId, long NoteSeq, long AfterSeq, string AuthorId, string AuthorName, string Text,
    DateTimeOffset WrittenAt, string ClientMsgId, bool IsOwn) : ChatEvent;
