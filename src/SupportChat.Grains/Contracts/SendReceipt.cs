namespace SupportChat.Grains.Contracts;

/// <summary>What the sender is told once its message is durable (also for a retried send).</summary>
[GenerateSerializer, Immutable, Alias("supportchat.SendReceipt")]
public sealed record SendReceipt(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string ClientMsgId,
    [property: Id(2)] long Seq,
    [property: Id(3)] string MessageId,
    [property: Id(4)] DateTimeOffset SentAt);
