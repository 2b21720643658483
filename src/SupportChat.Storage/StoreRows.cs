using System.Data.Common;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage;

/// <summary>
/// Reads rows selected with <see cref="StoreColumns"/>, in its column order, for both stores. They differ only in how
/// they keep a time and a conversation's list of agents, which each passes in.
/// </summary>
internal static class StoreRows
{
    public static ConversationRecord ReadConversation(DbDataReader r, Func<DbDataReader, int, DateTimeOffset> at,
        Func<DbDataReader, int, IReadOnlyList<string>> agents) => new(
        Id: r.GetString(0),
        CustomerId: r.GetString(1),
        CustomerName: r.GetString(2),
        Department: r.GetString(3),
        Status: (ConversationStatus)r.GetInt32(4),
        AgentId: r.IsDBNull(5) ? null : r.GetString(5),
        AgentName: r.IsDBNull(6) ? null : r.GetString(6),
        Agents: agents(r, 7),
        StartedAt: at(r, 8),
        EndedAt: r.IsDBNull(9) ? null : at(r, 9),
        EndedBy: r.IsDBNull(10) ? null : (EndedBy)r.GetInt32(10),
        MessageCount: r.GetInt64(11),
        Rating: r.IsDBNull(12) ? null : new ConversationRating(r.GetInt32(12), r.GetString(13), at(r, 14)));

    public static StoredMessage ReadMessage(DbDataReader r, Func<DbDataReader, int, DateTimeOffset> at) => new(
        ConversationId: r.GetString(0),
        Seq: r.GetInt64(1),
        MessageId: r.GetString(2),
        From: (SenderRole)r.GetInt32(3),
        SenderId: r.GetString(4),
        SenderName: r.GetString(5),
        Text: r.GetString(6),
        ClientMsgId: r.GetString(7),
        SentAt: at(r, 8));
}
