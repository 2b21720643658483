using System.Data.Common;

namespace SupportChat.Storage.Postgres;

/// <summary>PostgreSQL keeps a time as timestamptz and a conversation's agents as a text array.</summary>
internal sealed class PostgresRows : StoreRows
{
    public static readonly PostgresRows Instance = new();

    private PostgresRows()
    {
    }

    /// <summary>timestamptz keeps microseconds; the SQLite store keeps milliseconds. Both hand back what the domain
    /// wrote at millisecond precision, so a record reads back equal on either store.</summary>
    public static DateTime ToTimestamp(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()).UtcDateTime;

    public override object ToDb(DateTimeOffset at) => ToTimestamp(at);

    public override object ToDb(IReadOnlyList<string> agents) => agents.ToArray();

    public override string EpochMs(string column) => $"CAST(EXTRACT(EPOCH FROM {column}) * 1000 AS BIGINT)";

    public override DateTimeOffset ReadTime(DbDataReader r, int ordinal) => new(r.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);

    protected override IReadOnlyList<string> ReadAgents(DbDataReader r, int ordinal) => r.GetFieldValue<string[]>(ordinal);
}
