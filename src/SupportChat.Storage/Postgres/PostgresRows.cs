using Npgsql;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Postgres;

/// <summary>Column lists and row readers shared by the PostgreSQL store's queries.</summary>
internal static class PostgresRows
{
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

    public static DateTimeOffset At(NpgsqlDataReader r, int ordinal) => new(r.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);
}
