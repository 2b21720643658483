using SupportChat.Client.Events;
using SupportChat.Client.History;
using Wire = SupportChat.Protocol.V1;

namespace SupportChat.Client.Mapping;

/// <summary>History's wire records as the library's own.</summary>
internal static class HistoryMapper
{
    public static ConversationSummary Summary(Wire.ConversationSummary s) => new(
        s.ConversationId, s.CustomerName, [.. s.Agents], s.Department,
        s.StartedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, s.EndedAt?.ToDateTimeOffset(), s.MessageCount, s.Status,
        s.Rating > 0 ? s.Rating : null, s.RatingComment, s.CustomerEmail);

    public static MessageReceived Message(Wire.ChatMessage m) => new(
        m.ConversationId, m.Seq, m.MessageId,
        WireEnums.Role(m.From),
        m.SenderId, m.SenderName, m.Text, m.SentAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, m.ClientMsgId, IsOwn: false);

    /// <summary>Issue 21: a private note of an agent's or admin's transcript.</summary>
    public static NoteReceived Note(Wire.PrivateNote n) => new(
        n.ConversationId, n.NoteId, n.NoteSeq, n.AfterSeq, n.AuthorId, n.AuthorName, n.Text,
        n.WrittenAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, n.ClientMsgId, IsOwn: false);
}
