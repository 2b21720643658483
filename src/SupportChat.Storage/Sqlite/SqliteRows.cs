using Microsoft.Data.Sqlite;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Sqlite;

/// <summary>Column lists and row readers shared by the store's queries.</summary>
internal static class SqliteRows
{
    // Agent names are validated free of control characters, so a newline is a safe separator.
    private const char AgentSeparator = '\n';

    public static ConversationRecord ReadConversation(SqliteDataReader r) => new(
        Id: r.GetString(0),
        CustomerId: r.GetString(1),
        CustomerName: r.GetString(2),
        Department: r.GetString(3),
        Status: (ConversationStatus)r.GetInt32(4),
        AgentId: r.IsDBNull(5) ? null : r.GetString(5),
        AgentName: r.IsDBNull(6) ? null : r.GetString(6),
        Agents: SplitAgents(r.GetString(7)),
        StartedAt: FromMs(r.GetInt64(8)),
        EndedAt: r.IsDBNull(9) ? null : FromMs(r.GetInt64(9)),
        EndedBy: r.IsDBNull(10) ? null : (EndedBy)r.GetInt32(10),
        MessageCount: r.GetInt64(11),
        Rating: r.IsDBNull(12) ? null : new ConversationRating(r.GetInt32(12), r.GetString(13), FromMs(r.GetInt64(14))));

    public static StoredMessage ReadMessage(SqliteDataReader r) => new(
        ConversationId: r.GetString(0),
        Seq: r.GetInt64(1),
        MessageId: r.GetString(2),
        From: (SenderRole)r.GetInt32(3),
        SenderId: r.GetString(4),
        SenderName: r.GetString(5),
        Text: r.GetString(6),
        ClientMsgId: r.GetString(7),
        SentAt: FromMs(r.GetInt64(8)));

    public static string JoinAgents(IReadOnlyList<string> agents) => string.Join(AgentSeparator, agents);

    public static long ToMs(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static IReadOnlyList<string> SplitAgents(string joined) =>
        joined.Length == 0 ? [] : joined.Split(AgentSeparator);
}
