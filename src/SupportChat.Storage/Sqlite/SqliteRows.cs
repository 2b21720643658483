using System.Data.Common;

namespace SupportChat.Storage.Sqlite;

/// <summary>SQLite keeps a time as Unix milliseconds (UTC) and a conversation's agents as one text.</summary>
internal sealed class SqliteRows : StoreRows
{
    public static readonly SqliteRows Instance = new();

    // Agent names are validated free of control characters, so a newline is a safe separator.
    private const char AgentSeparator = '\n';

    private SqliteRows()
    {
    }

    public static long ToMs(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public override object ToDb(DateTimeOffset at) => ToMs(at);

    public override object ToDb(IReadOnlyList<string> agents) => string.Join(AgentSeparator, agents);

    public override string EpochMs(string column) => column;

    public override DateTimeOffset ReadTime(DbDataReader r, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(ordinal));

    protected override IReadOnlyList<string> ReadAgents(DbDataReader r, int ordinal) =>
        r.GetString(ordinal) is { Length: > 0 } joined ? joined.Split(AgentSeparator) : [];
}
