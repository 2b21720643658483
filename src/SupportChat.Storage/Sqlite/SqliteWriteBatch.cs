using Microsoft.Data.Sqlite;

namespace SupportChat.Storage.Sqlite;

/// <summary>Applies a batch of pending writes, in order, inside the writer's open transaction.</summary>
internal static class SqliteWriteBatch
{
    // SQLite reads $1 in StoreSql.UpsertConversation as a parameter named "$1".
    private static readonly string[] ConversationParameterNames = [.. Enumerable.Range(1, 12).Select(i => "$" + i)];

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
                    ApplyConversation(connection, transaction, save);
                    break;
            }
        }
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

    private static void ApplyConversation(SqliteConnection connection, SqliteTransaction transaction, PendingConversation save)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = StoreSql.UpsertConversation;
        var values = SqliteRows.Instance.ConversationValues(save.Conversation);
        for (var i = 0; i < values.Length; i++)
        {
            upsert.Parameters.AddWithValue(ConversationParameterNames[i], values[i] ?? DBNull.Value);
        }

        upsert.ExecuteNonQuery();
    }
}
