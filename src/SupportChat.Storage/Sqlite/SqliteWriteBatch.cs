using Microsoft.Data.Sqlite;

namespace SupportChat.Storage.Sqlite;

/// <summary>Applies a batch of pending writes, in order, inside the writer's open transaction, and then the batch's
/// feed events.</summary>
internal static class SqliteWriteBatch
{
    private const string LastCursor = "SELECT COALESCE(MAX(cursor), 0) FROM events";

    private const string InsertEvent = $"INSERT INTO events ({StoreSql.EventColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

    public static void Apply(WriterCommands commands, SqliteTransaction transaction, MessageInserter inserter, IReadOnlyList<PendingWrite> batch)
    {
        foreach (var write in batch)
        {
            switch (write)
            {
                case PendingAppend append:
                    ApplyAppend(inserter, append);
                    break;
                case PendingConversation save:
                    commands.Execute(transaction, StoreSql.UpsertConversation, SqliteRows.Instance.ConversationValues(save.Conversation));
                    break;
                case PendingRating rate:
                    commands.Execute(transaction, StoreSql.UpsertRating,
                        [rate.ConversationId, rate.Rating.Score, rate.Rating.Comment, SqliteRows.ToMs(rate.Rating.RatedAt)]);
                    break;
                case PendingNote note:
                    commands.Execute(transaction, StoreSql.InsertNote, SqliteRows.Instance.NoteValues(note.Note));
                    break;
            }
        }

        ApplyEvents(commands, transaction, batch);
    }

    /// <summary>
    /// Gives the batch's events the cursors after the last one stored, in batch order. The writer connection is the only
    /// one that writes events (ratings too go through it), and the maximum is read inside its transaction: a transaction
    /// that fails takes its cursors with it, and the next one takes the same again, so the feed has no gap.
    /// </summary>
    private static void ApplyEvents(WriterCommands commands, SqliteTransaction transaction, IReadOnlyList<PendingWrite> batch)
    {
        long? last = null;
        foreach (var write in batch)
        {
            foreach (var e in write.Events)
            {
                last ??= (long)commands.Scalar(transaction, LastCursor)!;
                last++;
                commands.Execute(transaction, InsertEvent, [last, .. SqliteRows.Instance.EventValues(e)]);
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
}
