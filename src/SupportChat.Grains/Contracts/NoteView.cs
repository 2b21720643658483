using SupportChat.Domain.Messages;

namespace SupportChat.Grains.Contracts;

/// <summary>A private note as agents' streams get it (issue 21); never sent to a customer's stream.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.NoteView")]
public sealed record NoteView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] long NoteSeq,
    [property: Id(2)] long AfterSeq,
    [property: Id(3)] string NoteId,
    [property: Id(4)] string AuthorId,
    [property: Id(5)] string AuthorName,
    [property: Id(6)] string Text,
    [property: Id(7)] string ClientMsgId,
    [property: Id(8)] DateTimeOffset WrittenAt)
{
    public static NoteView Of(StoredNote n) =>
        new(n.ConversationId, n.NoteSeq, n.AfterSeq, n.NoteId, n.AuthorId, n.AuthorName, n.Text, n.ClientMsgId, n.WrittenAt);
}
