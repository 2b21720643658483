using SupportChat.Domain.Messages;

namespace SupportChat.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("supportchat.MessageView")]
public sealed record MessageView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string MessageId,
    [property: Id(3)] SenderRole From,
    [property: Id(4)] string SenderId,
    [property: Id(5)] string SenderName,
    [property: Id(6)] string Text,
    [property: Id(7)] string ClientMsgId,
    [property: Id(8)] DateTimeOffset SentAt)
{
    public static MessageView Of(StoredMessage m) =>
        new(m.ConversationId, m.Seq, m.MessageId, m.From, m.SenderId, m.SenderName, m.Text, m.ClientMsgId, m.SentAt);
}
