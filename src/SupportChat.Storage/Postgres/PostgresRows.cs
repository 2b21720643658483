using Npgsql;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Postgres;

/// <summary>Column lists and row readers shared by the PostgreSQL store's queries.</summary>
internal static class PostgresRows
{
    public const string ConversationColumns =
        "c.id, c.customer_id, c.customer_name, c.department, c.status, c.agent_id, c.agent_name, c.agents, c.started_at, c.ended_at, c.ended_by, " +
        "(SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id), r.score, r.comment, r.rated_at";

    public const string ConversationJoins = "LEFT JOIN ratings r ON r.conversation_id = c.id";

    public const string MessageColumns =
        "conversation_id, seq, message_id, sender_role, sender_id, sender_name, text, client_msg_id, sent_at";

    public static ConversationRecord ReadConversation(NpgsqlDataReader r) => new(
        Id: r.GetString(0),
        CustomerId: r.GetString(1),
        CustomerName: r.GetString(2),
        Department: r.GetString(3),
        Status: (ConversationStatus)r.GetInt32(4),
        AgentId: r.IsDBNull(5) ? null : r.GetString(5),
        AgentName: r.IsDBNull(6) ? null : r.GetString(6),
        Agents: r.GetFieldValue<string[]>(7),
        StartedAt: At(r, 8),
        EndedAt: r.IsDBNull(9) ? null : At(r, 9),
        EndedBy: r.IsDBNull(10) ? null : (EndedBy)r.GetInt32(10),
        MessageCount: r.GetInt64(11),
        Rating: r.IsDBNull(12) ? null : new ConversationRating(r.GetInt32(12), r.GetString(13), At(r, 14)));

    public static StoredMessage ReadMessage(NpgsqlDataReader r) => new(
        ConversationId: r.GetString(0),
        Seq: r.GetInt64(1),
        MessageId: r.GetString(2),
        From: (SenderRole)r.GetInt32(3),
        SenderId: r.GetString(4),
        SenderName: r.GetString(5),
        Text: r.GetString(6),
        ClientMsgId: r.GetString(7),
        SentAt: At(r, 8));

    /// <summary>timestamptz keeps microseconds; the SQLite store keeps milliseconds. Both hand back what the domain
    /// wrote at millisecond precision, so a record reads back equal on either store.</summary>
    public static DateTime ToDb(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()).UtcDateTime;

    private static DateTimeOffset At(NpgsqlDataReader r, int ordinal) => new(r.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);
}
