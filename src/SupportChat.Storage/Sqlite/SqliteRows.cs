using System.Data.Common;
using Microsoft.Data.Sqlite;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Sqlite;

/// <summary>How the SQLite store keeps times and agent lists, and its row readers.</summary>
internal static class SqliteRows
{
    // Agent names are validated free of control characters, so a newline is a safe separator.
    private const char AgentSeparator = '\n';

    public static ConversationRecord ReadConversation(SqliteDataReader r) => StoreRows.ReadConversation(r, At, Agents);

    public static StoredMessage ReadMessage(SqliteDataReader r) => StoreRows.ReadMessage(r, At);

    public static string JoinAgents(IReadOnlyList<string> agents) => string.Join(AgentSeparator, agents);

    public static long ToMs(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(DbDataReader r, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(ordinal));

    private static IReadOnlyList<string> Agents(DbDataReader r, int ordinal) =>
        r.GetString(ordinal) is { Length: > 0 } joined ? joined.Split(AgentSeparator) : [];
}
