namespace SupportChat.Domain.Messages;

/// <summary>
/// One private note as the log holds it (issue 21). Notes never take a message seq: customers' clients count on gapless
/// message seqs, and a seq they could never see would read as a gap forever. A note has its own gapless
/// <see cref="NoteSeq"/> per conversation instead, and <see cref="AfterSeq"/>, the last message seq when it was written,
/// which places it among the messages (after that one, before the next) for the agents who see it.
/// </summary>
public sealed record StoredNote(
    string ConversationId,
    long NoteSeq,
    long AfterSeq,
    string NoteId,
    string AuthorId,
    string AuthorName,
    string Text,
    string ClientMsgId,
    DateTimeOffset WrittenAt);
