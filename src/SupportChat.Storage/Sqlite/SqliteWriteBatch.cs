using Microsoft.Data.Sqlite;

namespace SupportChat.Storage.Sqlite;

/// <summary>Applies a batch of pending writes, in order, inside the writer's open transaction, and then the batch's
/// feed events.</summary>
internal static class SqliteWriteBatch
{
    // SQLite reads $1 in StoreSql's group-commit statements as a parameter named "$1".
    private static readonly string[] ParameterNames = [.. Enumerable.Range(1, 14).Select(i => "$" + i)];

    private const string InsertEvent = $"INSERT INTO events ({StoreSql.EventColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, MessageInserter inserter, IReadOnlyList<PendingWrite> batch)
    {
        foreach (var write in batch)
        {
            switch (write)
            {
                case PendingAppend append:
                    ApplyAppend(inserter, append);
                    break;
                case PendingConversation save:
                    Execute(connection, transaction, StoreSql.UpsertConversation, SqliteRows.Instance.ConversationValues(save.Conversation));
                    break;
                case PendingRating rate:
                    Execute(connection, transaction, StoreSql.UpsertRating,
                        [rate.ConversationId, rate.Rating.Score, rate.Rating.Comment, SqliteRows.ToMs(rate.Rating.RatedAt)]);
                    break;
                case PendingNote note:
                    Execute(connection, transaction, StoreSql.InsertNote, SqliteRows.Instance.NoteValues(note.Note));
                    break;
            }
        }

        ApplyEvents(connection, transaction, batch);
    }

    /// <summary>
    /// Gives the batch's events the cursors after the last one stored, in batch order. The writer connection is the only
    /// one that writes events (ratings too go through it), and the maximum is read inside its transaction: a transaction
    /// that fails takes its cursors with it, and the next one takes the same again, so the feed has no gap.
    /// </summary>
    private static void ApplyEvents(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<PendingWrite> batch)
    {
        long? last = null;
        foreach (var write in batch)
        {
            foreach (var e in write.Events)
            {
                last ??= LastCursor(connection, transaction);
                last++;
                Execute(connection, transaction, InsertEvent, [last, .. SqliteRows.Instance.EventValues(e)]);
            }
        }
    }

    private static long LastCursor(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT COALESCE(MAX(cursor), 0) FROM events";
        return (long)select.ExecuteScalar()!;
    }

    /// <summary>
    /// Inserts one unit's rows, all or none: when one's (conversation, seq) is taken, the unit fails with a conflict, the
    /// rows after it are not tried and those before it are deleted again (the conversation catches up from the store and
    /// retries the whole run after what it found, in the sender's order). A statement that fails on a constraint undoes
    /// only itself in SQLite, so the other units of the transaction are unaffected.
    /// </summary>
    private static void ApplyAppend(MessageInserter inserter, PendingAppend append)
    {
        for (var i = 0; i < append.Messages.Count; i++)
        {
            if (!inserter.TryInsert(append.Messages[i]))
            {
                append.Conflicted(append.Messages[i]);
                for (var written = 0; written < i; written++)
                {
                    inserter.Delete(append.Messages[written]);
                }

                return;
            }
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, object?[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(ParameterNames[i], values[i] ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}
