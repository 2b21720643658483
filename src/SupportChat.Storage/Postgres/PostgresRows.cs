using System.Data.Common;
using Npgsql;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Postgres;

/// <summary>How the PostgreSQL store keeps times and agent lists, and its row readers.</summary>
internal static class PostgresRows
{
    public static ConversationRecord ReadConversation(NpgsqlDataReader r) => StoreRows.ReadConversation(r, At, Agents);

    public static StoredMessage ReadMessage(NpgsqlDataReader r) => StoreRows.ReadMessage(r, At);

    /// <summary>timestamptz keeps microseconds; the SQLite store keeps milliseconds. Both hand back what the domain
    /// wrote at millisecond precision, so a record reads back equal on either store.</summary>
    public static DateTime ToDb(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()).UtcDateTime;

    public static DateTimeOffset At(DbDataReader r, int ordinal) => new(r.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);

    private static IReadOnlyList<string> Agents(DbDataReader r, int ordinal) => r.GetFieldValue<string[]>(ordinal);
}
