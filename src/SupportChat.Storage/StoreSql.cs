namespace SupportChat.Storage;

/// <summary>
/// The SQL text both stores run. Parameters are <c>@name</c>, which Microsoft.Data.Sqlite and Npgsql both bind by
/// name; the group commit's statements are the exception (see <see cref="UpsertConversation"/>).
/// </summary>
internal static class StoreSql
{
    /// <summary>A conversation with its message count and rating, in the order <see cref="StoreRows.ReadConversation"/>
    /// reads; callers append a WHERE or ORDER BY.</summary>
    public const string SelectConversations =
        "SELECT c.id, c.customer_id, c.customer_name, c.department, c.status, c.agent_id, c.agent_name, c.agents, c.started_at, c.ended_at, c.ended_by, " +
        "(SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id), r.score, r.comment, r.rated_at, c.customer_email " +
        "FROM conversations c LEFT JOIN ratings r ON r.conversation_id = c.id";

    /// <summary>The message columns, in the order <see cref="StoreRows.ReadMessage"/> reads and the inserts bind.</summary>
    public const string MessageColumns =
        "conversation_id, seq, message_id, sender_role, sender_id, sender_name, text, client_msg_id, sent_at";

    public const string SelectMessagesAfter =
        $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @id AND seq > @after ORDER BY seq";

    /// <summary>
    /// Run inside the group commit with <see cref="StoreRows.ConversationValues"/> as $1…$12. Numbered rather than named
    /// so that PostgreSQL's batch binds them by position without Npgsql rewriting the text; to SQLite, <c>$1</c> is a
    /// parameter named "$1".
    /// </summary>
    public const string UpsertConversation = """
        INSERT INTO conversations (id, customer_id, customer_name, department, status, agent_id, agent_name, agents, started_at, ended_at, ended_by, customer_email)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
        ON CONFLICT (id) DO UPDATE SET
            customer_id = excluded.customer_id, customer_name = excluded.customer_name, department = excluded.department,
            status = excluded.status, agent_id = excluded.agent_id, agent_name = excluded.agent_name, agents = excluded.agents,
            started_at = excluded.started_at, ended_at = excluded.ended_at, ended_by = excluded.ended_by, customer_email = excluded.customer_email
        """;

    /// <summary>The event columns, in the order <see cref="StoreRows.ReadEvent"/> reads; the cursor, then
    /// <see cref="StoreRows.EventValues"/> as $2…$14.</summary>
    public const string EventColumns =
        "cursor, kind, at, conversation_id, department, agent_id, agent_name, customer_id, customer_name, reason, ended_by, score, status, from_department";

    public const string SelectEventsAfter = $"SELECT {EventColumns} FROM events WHERE cursor > @after ORDER BY cursor LIMIT @limit";

    /// <summary>The note columns (issue 21), in the order <see cref="StoreRows.ReadNote"/> reads and the insert binds.</summary>
    public const string NoteColumns = "conversation_id, note_seq, after_seq, note_id, author_id, author_name, text, client_msg_id, written_at";

    /// <summary>Inside the group commit, $1…$9 in <see cref="NoteColumns"/>' order. A note already there (the same
    /// conversation and note_seq, or the same author and client_msg_id) is a retry: nothing changes.</summary>
    public const string InsertNote = $"INSERT INTO notes ({NoteColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";

    public const string SelectNotes = $"SELECT {NoteColumns} FROM notes WHERE conversation_id = @id ORDER BY note_seq";

    /// <summary>The rating's upsert inside the group commit, $1…$4: id, score, comment, time.</summary>
    public const string UpsertRating = """
        INSERT INTO ratings (conversation_id, score, comment, rated_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (conversation_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, rated_at = excluded.rated_at
        """;
}
