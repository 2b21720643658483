using System.Runtime.CompilerServices;
using Npgsql;

namespace SupportChat.Storage.Postgres;

/// <summary>The schema in PostgreSQL (history, accounts, the session key), created idempotently (under an advisory lock, so nodes may start
/// together). Messages are keyed by (conversation, seq): the key that refuses a second writer of one seq.</summary>
internal static class PostgresSchema
{
    public const long LockKey = 0x5C_0002;

    // One creation per database a process uses: the store, the accounts and the session key all ensure the schema
    // (any of them may be first), but a server needs it done once, not once each.
    private static readonly ConditionalWeakTable<NpgsqlDataSource, Task> Ensured = [];
    private static readonly Lock Gate = new();

    public const string Create = """
        CREATE TABLE IF NOT EXISTS conversations (
            id            text PRIMARY KEY,
            customer_id   text NOT NULL,
            customer_name text NOT NULL,
            department    text NOT NULL,
            status        integer NOT NULL,
            agent_id      text NULL,
            agent_name    text NULL,
            agents        text[] NOT NULL,
            started_at    timestamptz NOT NULL,
            ended_at      timestamptz NULL,
            ended_by      integer NULL
        );
        CREATE INDEX IF NOT EXISTS ix_conversations_started ON conversations (started_at);
        CREATE INDEX IF NOT EXISTS ix_conversations_open ON conversations (status) WHERE status <> 3;

        CREATE TABLE IF NOT EXISTS messages (
            conversation_id text NOT NULL,
            seq           bigint NOT NULL,
            message_id    text NOT NULL,
            sender_role   integer NOT NULL,
            sender_id     text NOT NULL,
            sender_name   text NOT NULL,
            text          text NOT NULL,
            client_msg_id text NOT NULL,
            sent_at       timestamptz NOT NULL,
            PRIMARY KEY (conversation_id, seq)
        );

        CREATE TABLE IF NOT EXISTS ratings (
            conversation_id text PRIMARY KEY,
            score         integer NOT NULL,
            comment       text NOT NULL,
            rated_at      timestamptz NOT NULL
        );

        -- Added with issue 19: databases made before it get the column here.
        ALTER TABLE conversations ADD COLUMN IF NOT EXISTS customer_email text NULL;

        CREATE TABLE IF NOT EXISTS accounts (
            id            text PRIMARY KEY,
            role          integer NOT NULL,
            name          text NOT NULL,
            departments   text[] NOT NULL,
            capacity      integer NOT NULL,
            title         text NOT NULL,
            token_hash    text NOT NULL UNIQUE,
            created_at    timestamptz NOT NULL
        );

        CREATE TABLE IF NOT EXISTS secrets (
            name          text PRIMARY KEY,
            value         bytea NOT NULL
        );

        -- Issue 20: the durable event feed (see PostgresWriteBatch for how cursors stay gapless across nodes).
        CREATE TABLE IF NOT EXISTS events (
            cursor          bigint PRIMARY KEY,
            kind            text NOT NULL,
            at              timestamptz NOT NULL,
            conversation_id text NULL,
            department      text NULL,
            agent_id        text NULL,
            agent_name      text NULL,
            customer_id     text NULL,
            customer_name   text NULL,
            reason          text NULL,
            ended_by        integer NULL,
            score           integer NULL,
            status          text NULL,
            from_department text NULL
        );
        CREATE INDEX IF NOT EXISTS ix_events_conversation ON events (conversation_id);
        CREATE INDEX IF NOT EXISTS ix_events_kind_at ON events (kind, at);

        -- The last cursor given: one row, updated in each transaction that stores events.
        CREATE TABLE IF NOT EXISTS event_cursor (
            only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            last          bigint NOT NULL
        );
        INSERT INTO event_cursor (only_row, last) VALUES (true, 0) ON CONFLICT DO NOTHING;

        -- Webhooks (see the SQLite schema); lease_node/lease_expires: the node that delivers it, so only one does.
        CREATE TABLE IF NOT EXISTS webhooks (
            id              text PRIMARY KEY,
            url             text NOT NULL,
            kinds           text NOT NULL,
            cursor          bigint NOT NULL,
            created_at      timestamptz NOT NULL,
            failing_since   timestamptz NULL,
            attempts        integer NOT NULL DEFAULT 0,
            lease_node      text NULL,
            lease_expires   timestamptz NULL
        );

        CREATE TABLE IF NOT EXISTS webhook_failures (
            webhook_id      text NOT NULL,
            cursor          bigint NOT NULL,
            kind            text NOT NULL,
            first_failed_at timestamptz NOT NULL,
            attempts        integer NOT NULL,
            last_error      text NOT NULL,
            retrying        integer NOT NULL DEFAULT 0,
            PRIMARY KEY (webhook_id, cursor)
        );

        -- Issue 21: the team's canned replies.
        CREATE TABLE IF NOT EXISTS canned_replies (
            shortcut      text PRIMARY KEY,
            text          text NOT NULL,
            updated_at    timestamptz NOT NULL
        );

        -- Issue 21: private notes, agents only, numbered on their own (note_seq): they take no message seq and count in
        -- no message count; after_seq places a note after that message.
        CREATE TABLE IF NOT EXISTS notes (
            conversation_id text NOT NULL,
            note_seq      bigint NOT NULL,
            after_seq     bigint NOT NULL,
            note_id       text NOT NULL,
            author_id     text NOT NULL,
            author_name   text NOT NULL,
            text          text NOT NULL,
            client_msg_id text NOT NULL,
            written_at    timestamptz NOT NULL,
            PRIMARY KEY (conversation_id, note_seq),
            UNIQUE (author_id, client_msg_id)
        );
        """;

    /// <summary>Creates what is missing, once per data source (again after a failed attempt); every entry point that
    /// may be first to touch the database calls it.</summary>
    public static Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        Task ensuring;
        lock (Gate)
        {
            if (!Ensured.TryGetValue(dataSource, out ensuring!) || ensuring.IsFaulted || ensuring.IsCanceled)
            {
                // Not the caller's token: the one creation is shared, and one caller giving up must not fail the others.
                ensuring = SchemaLock.ApplyAsync(dataSource, LockKey, Create, CancellationToken.None);
                Ensured.AddOrUpdate(dataSource, ensuring);
            }
        }

        return ensuring.WaitAsync(cancellationToken);
    }
}
