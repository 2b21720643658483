using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage.Tests;

internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static ConversationRecord Conversation(string id, int minute = 0, ConversationStatus status = ConversationStatus.Active) => new(
        Id: id,
        CustomerId: "u-" + id,
        CustomerName: "Bob Smith",
        Department: "general",
        Status: status,
        AgentId: "ada-lovelace",
        AgentName: "Ada Lovelace",
        Agents: ["Ada Lovelace", "Grace Hopper"],
        StartedAt: T0.AddMinutes(minute),
        EndedAt: status == ConversationStatus.Ended ? T0.AddMinutes(minute + 5) : null,
        EndedBy: status == ConversationStatus.Ended ? EndedBy.Customer : null,
        MessageCount: 0);

    /// <summary>A conversation still waiting for an agent, with no agents yet.</summary>
    public static ConversationRecord Queued(string id) =>
        new(id, "u-" + id, "Bob Smith", "general", ConversationStatus.Queued, null, null, [], T0, null, null, 0);

    public static StoredMessage Message(string conversationId, long seq, string clientMsgId, string senderId = "u1") => new(
        ConversationId: conversationId,
        Seq: seq,
        MessageId: Guid.CreateVersion7().ToString(),
        From: SenderRole.Customer,
        SenderId: senderId,
        SenderName: "Bob Smith",
        Text: $"message {seq} ✓",
        ClientMsgId: clientMsgId,
        SentAt: T0.AddSeconds(seq));

    /// <summary>A unit of consecutive messages, as a conversation appends a run of sends.</summary>
    public static StoredMessage[] Unit(string conversationId, params long[] seqs) =>
        [.. seqs.Select(seq => Message(conversationId, seq, $"{conversationId}-m{seq}"))];

    /// <summary>Appends a unit of one message and hands it back once durable.</summary>
    public static async Task<StoredMessage> AppendOneAsync(this IChatStore store, StoredMessage message, CancellationToken cancellationToken)
    {
        await store.AppendAsync([message], cancellationToken);
        return message;
    }
}
