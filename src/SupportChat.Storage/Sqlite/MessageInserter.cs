using Microsoft.Data.Sqlite;
using SQLitePCL;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Sqlite;

/// <summary>
/// The message insert, prepared once on the writer connection and bound by position through SQLite's own API:
/// the ADO.NET layer looks every parameter up by name on every execution, which cost more than the insert itself.
/// </summary>
internal sealed class MessageInserter : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _insert;

    public MessageInserter(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the writer connection is not open.");
        var sql = $"INSERT INTO messages ({StoreSql.MessageColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
        Check(raw.sqlite3_prepare_v2(_db, sql, out _insert), "prepare the message insert");
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

    public void Dispose() => _insert.Dispose();

    private void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new SqliteException($"could not {what}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", result);
        }
    }
}
