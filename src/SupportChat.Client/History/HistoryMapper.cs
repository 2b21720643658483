using SupportChat.Client.Events;
using SupportChat.Client.Mapping;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.History;

internal static class HistoryMapper
{
    public static ConversationSummary Summary(Protocol.V1.ConversationSummary s) => new(
        s.ConversationId, s.CustomerName, [.. s.Agents], s.Department,
        s.StartedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, s.EndedAt?.ToDateTimeOffset(), s.MessageCount, s.Status,
        s.Rating > 0 ? s.Rating : null, s.RatingComment);

    public static MessageReceived Message(ChatMessage m) => new(
        m.ConversationId, m.Seq, m.MessageId,
        WireEnums.Role(m.From),
        m.SenderId, m.SenderName, m.Text, m.SentAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, m.ClientMsgId, IsOwn: false);
}
