using Microsoft.Data.Sqlite;
using SQLitePCL;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Sqlite;

/// <summary>
/// The message insert, prepared once on the writer connection and bound by position through SQLite's own API:
/// the ADO.NET layer looks every parameter up by name on every execution, which cost more than the insert itself. Its
/// undo, for a unit that conflicts after some of its rows went in, is prepared alongside.
/// </summary>
internal sealed class MessageInserter : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _delete;

    public MessageInserter(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the writer connection is not open.");
        var sql = $"INSERT INTO messages ({StoreSql.MessageColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
        Check(raw.sqlite3_prepare_v2(_db, sql, out _insert), "prepare the message insert");
        Check(raw.sqlite3_prepare_v2(_db, "DELETE FROM messages WHERE conversation_id = ?1 AND seq = ?2 AND message_id = ?3", out _delete),
            "prepare the message delete");
    }

    /// <summary>Inserts one row inside the open transaction; false when its (conversation, seq) is taken.</summary>
    public bool TryInsert(StoredMessage m)
    {
        raw.sqlite3_bind_text(_insert, 1, m.ConversationId);
        raw.sqlite3_bind_int64(_insert, 2, m.Seq);
        raw.sqlite3_bind_text(_insert, 3, m.MessageId);
        raw.sqlite3_bind_int(_insert, 4, (int)m.From);
        raw.sqlite3_bind_text(_insert, 5, m.SenderId);
        raw.sqlite3_bind_text(_insert, 6, m.SenderName);
        raw.sqlite3_bind_text(_insert, 7, m.Text);
        raw.sqlite3_bind_text(_insert, 8, m.ClientMsgId);
        raw.sqlite3_bind_int64(_insert, 9, SqliteRows.ToMs(m.SentAt));
        var result = raw.sqlite3_step(_insert);
        raw.sqlite3_reset(_insert);
        return result switch
        {
            raw.SQLITE_DONE => true,
            raw.SQLITE_CONSTRAINT => false,
            _ => throw new SqliteException($"could not store a message: {raw.sqlite3_errmsg(_db).utf8_to_string()}", result),
        };
    }

    /// <summary>Deletes a row this transaction inserted (found by its key and its message id).</summary>
    public void Delete(StoredMessage m)
    {
        raw.sqlite3_bind_text(_delete, 1, m.ConversationId);
        raw.sqlite3_bind_int64(_delete, 2, m.Seq);
        raw.sqlite3_bind_text(_delete, 3, m.MessageId);
        var result = raw.sqlite3_step(_delete);
        var deleted = raw.sqlite3_changes(_db);
        raw.sqlite3_reset(_delete);
        Check(result == raw.SQLITE_DONE ? 0 : result, "delete a message");
        if (deleted != 1)
        {
            throw new InvalidOperationException($"deleting seq {m.Seq} of conversation {m.ConversationId} deleted {deleted} rows, not 1.");
        }
    }

    public void Dispose()
    {
        _insert.Dispose();
        _delete.Dispose();
    }

    private void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new SqliteException($"could not {what}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", result);
        }
    }
}
