using Microsoft.Data.Sqlite;

namespace SupportChat.Storage.Sqlite;

/// <summary>The schema, created idempotently, then brought up to date (<see cref="UpgradeAsync"/>). Times are Unix
/// milliseconds (UTC).</summary>
internal static class SqliteSchema
{
    /// <summary>Columns added after databases were made with <see cref="Create"/>: (table, column, definition).</summary>
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("conversations", "customer_email", "TEXT NULL"), // issue 19
    ];

    public const string Create = """
        CREATE TABLE IF NOT EXISTS conversations (
            id            TEXT PRIMARY KEY,
            customer_id   TEXT NOT NULL,
            customer_name TEXT NOT NULL,
            department    TEXT NOT NULL,
            status        INTEGER NOT NULL,
            agent_id      TEXT NULL,
            agent_name    TEXT NULL,
            agents        TEXT NOT NULL,
            started_at    INTEGER NOT NULL,
            ended_at      INTEGER NULL,
            ended_by      INTEGER NULL
        );
        CREATE INDEX IF NOT EXISTS ix_conversations_started ON conversations(started_at);
        CREATE INDEX IF NOT EXISTS ix_conversations_status ON conversations(status);

        CREATE TABLE IF NOT EXISTS messages (
            rowid_        INTEGER PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            seq           INTEGER NOT NULL,
            message_id    TEXT NOT NULL,
            sender_role   INTEGER NOT NULL,
            sender_id     TEXT NOT NULL,
            sender_name   TEXT NOT NULL,
            text          TEXT NOT NULL,
            client_msg_id TEXT NOT NULL,
            sent_at       INTEGER NOT NULL,
            UNIQUE (conversation_id, seq)
        );

        CREATE TABLE IF NOT EXISTS ratings (
            conversation_id TEXT PRIMARY KEY,
            score         INTEGER NOT NULL,
            comment       TEXT NOT NULL,
            rated_at      INTEGER NOT NULL
        );

        -- Issue 20: the durable event feed. cursor is the gapless position (1, 2, 3 …), given by the writer in its
        -- transaction; typed columns so that reports can query it in plain SQL. Created here for databases made
        -- before it, too (IF NOT EXISTS).
        CREATE TABLE IF NOT EXISTS events (
            cursor          INTEGER PRIMARY KEY,
            kind            TEXT NOT NULL,
            at              INTEGER NOT NULL,
            conversation_id TEXT NULL,
            department      TEXT NULL,
            agent_id        TEXT NULL,
            agent_name      TEXT NULL,
            customer_id     TEXT NULL,
            customer_name   TEXT NULL,
            reason          TEXT NULL,
            ended_by        INTEGER NULL,
            score           INTEGER NULL,
            status          TEXT NULL,
            from_department TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_events_conversation ON events(conversation_id);
        CREATE INDEX IF NOT EXISTS ix_events_kind_at ON events(kind, at);

        -- Webhooks: where delivery stands (cursor: the last event handled; failing_since/attempts: the event after it,
        -- while it fails) and which node delivers (a lease). Their signing secrets are kept with the other keys (Secrets).
        CREATE TABLE IF NOT EXISTS webhooks (
            id              TEXT PRIMARY KEY,
            url             TEXT NOT NULL,
            kinds           TEXT NOT NULL,
            cursor          INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            failing_since   INTEGER NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            lease_node      TEXT NULL,
            lease_expires   INTEGER NULL
        );

        CREATE TABLE IF NOT EXISTS webhook_failures (
            webhook_id      TEXT NOT NULL,
            cursor          INTEGER NOT NULL,
            kind            TEXT NOT NULL,
            first_failed_at INTEGER NOT NULL,
            attempts        INTEGER NOT NULL,
            last_error      TEXT NOT NULL,
            retrying        INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (webhook_id, cursor)
        );

        -- Issue 21: the team's canned replies.
        CREATE TABLE IF NOT EXISTS canned_replies (
            shortcut      TEXT PRIMARY KEY,
            text          TEXT NOT NULL,
            updated_at    INTEGER NOT NULL
        );

        -- Issue 21: private notes, agents only. A table of their own with their own numbering (note_seq), so that they
        -- take no message seq (customers' message seqs stay gapless) and count in no message count; after_seq places a
        -- note after that message.
        CREATE TABLE IF NOT EXISTS notes (
            conversation_id TEXT NOT NULL,
            note_seq      INTEGER NOT NULL,
            after_seq     INTEGER NOT NULL,
            note_id       TEXT NOT NULL,
            author_id     TEXT NOT NULL,
            author_name   TEXT NOT NULL,
            text          TEXT NOT NULL,
            client_msg_id TEXT NOT NULL,
            written_at    INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, note_seq),
            UNIQUE (author_id, client_msg_id)
        );
        """;

    /// <summary>Adds the columns a database made before them lacks: SQLite has no ADD COLUMN IF NOT EXISTS.</summary>
    public static async Task UpgradeAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        foreach (var (table, column, definition) in AddedColumns)
        {
            await using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
            probe.Parameters.AddWithValue("$table", table);
            probe.Parameters.AddWithValue("$column", column);
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                await using var add = connection.CreateCommand();
                add.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition}";
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
