using Npgsql;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Postgres;

/// <summary>
/// Applies a group commit's writes in one round trip (an <see cref="NpgsqlBatch"/>, parameters bound by position). A
/// message whose (conversation, seq) is taken is skipped by <c>ON CONFLICT DO NOTHING</c> rather than aborting the
/// transaction (PostgreSQL would abort all of it): its unit fails with a conflict and the other units commit. A unit is
/// all or nothing: the rows of a conflicting unit that did go in are deleted again before the commit, in a second round
/// trip that only a conflict costs. Rows after the taken one left standing would be taken in by the conversation's
/// catch-up ahead of the retried taken one, and store the sender's messages out of its order.
/// <para>
/// Feed events go last. Several nodes write, and a sequence would not do for their cursors: a rolled-back transaction
/// leaves a gap, and transactions commit (become visible) out of the order they drew numbers, so a reader following the
/// cursor could pass one that becomes visible later. Instead each transaction with events adds their count to the one
/// row of <c>event_cursor</c> and numbers its events below the new value: the row stays locked until the transaction
/// ends, so the next writer draws its numbers only after this one committed (or rolled back, giving them back), and
/// cursors become visible in order. The update comes last in the batch to hold the lock for as short as possible.
/// </para>
/// </summary>
internal static class PostgresWriteBatch
{
    private const string InsertMessage =
        $"INSERT INTO messages ({StoreSql.MessageColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";

    // By key (the primary key finds the rows) and by message id (a row this unit wrote, not the one that was there).
    private const string DeleteMessages = "DELETE FROM messages WHERE conversation_id = $1 AND seq = ANY($2) AND message_id = ANY($3)";

    private const string TakeCursors = "UPDATE event_cursor SET last = last + $1";

    // $1 is how many events of the transaction come after this one: the last takes the new value of the counter.
    private const string InsertEvent =
        $"INSERT INTO events ({StoreSql.EventColumns}) VALUES ((SELECT last FROM event_cursor) - $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingWrite> batch)
    {
        await using var writes = new NpgsqlBatch(connection, transaction);
        foreach (var write in batch)
        {
            switch (write)
            {
                case PendingAppend append:
                    foreach (var m in append.Messages)
                    {
                        writes.BatchCommands.Add(Command(InsertMessage, m.ConversationId, m.Seq, m.MessageId, (int)m.From, m.SenderId,
                            m.SenderName, m.Text, m.ClientMsgId, PostgresRows.ToTimestamp(m.SentAt)));
                    }

                    break;
                case PendingConversation save:
                    writes.BatchCommands.Add(Command(StoreSql.UpsertConversation, PostgresRows.Instance.ConversationValues(save.Conversation)));
                    break;
                case PendingRating rate:
                    writes.BatchCommands.Add(Command(StoreSql.UpsertRating, rate.ConversationId, rate.Rating.Score, rate.Rating.Comment,
                        PostgresRows.ToTimestamp(rate.Rating.RatedAt)));
                    break;
                case PendingNote note:
                    writes.BatchCommands.Add(Command(StoreSql.InsertNote, PostgresRows.Instance.NoteValues(note.Note)));
                    break;
            }
        }

        AddEvents(writes, batch);
        await writes.ExecuteNonQueryAsync();
        var undo = ConflictedUnits(writes, batch);
        if (undo.Count > 0)
        {
            await UndoAsync(connection, transaction, undo);
        }
    }

    /// <summary>Marks each unit that found a seq taken, and returns the rows such units did write.</summary>
    private static List<List<StoredMessage>> ConflictedUnits(NpgsqlBatch writes, IReadOnlyList<PendingWrite> batch)
    {
        // One batch command per message and per conversation, in the order added: a message's insert that touched no
        // row found its seq taken.
        var undo = new List<List<StoredMessage>>();
        var next = 0;
        foreach (var write in batch)
        {
            switch (write)
            {
                case PendingAppend append:
                    var written = new List<StoredMessage>(append.Messages.Count);
                    foreach (var m in append.Messages)
                    {
                        if (writes.BatchCommands[next++].RecordsAffected == 1)
                        {
                            written.Add(m);
                        }
                        else
                        {
                            append.Conflicted(m);
                        }
                    }

                    if (append.Conflict is not null && written.Count > 0)
                    {
                        undo.Add(written);
                    }

                    break;
                case PendingConversation or PendingRating or PendingNote:
                    next++;
                    break;
            }
        }

        return undo;
    }

    private static void AddEvents(NpgsqlBatch writes, IReadOnlyList<PendingWrite> batch)
    {
        var events = batch.SelectMany(write => write.Events).ToList();
        if (events.Count == 0)
        {
            return;
        }

        writes.BatchCommands.Add(Command(TakeCursors, (long)events.Count));
        for (var i = 0; i < events.Count; i++)
        {
            writes.BatchCommands.Add(Command(InsertEvent, [(long)(events.Count - 1 - i), .. PostgresRows.Instance.EventValues(events[i])]));
        }
    }

    /// <summary>Deletes what conflicting units wrote, inside the same transaction; anything else than exactly those rows
    /// fails the whole batch rather than commit a unit in part.</summary>
    private static async Task UndoAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<List<StoredMessage>> units)
    {
        await using var deletes = new NpgsqlBatch(connection, transaction);
        foreach (var written in units)
        {
            deletes.BatchCommands.Add(Command(DeleteMessages, written[0].ConversationId, written.ConvertAll(m => m.Seq).ToArray(),
                written.ConvertAll(m => m.MessageId).ToArray()));
        }

        await deletes.ExecuteNonQueryAsync();
        for (var i = 0; i < units.Count; i++)
        {
            if (deletes.BatchCommands[i].RecordsAffected != units[i].Count)
            {
                throw new InvalidOperationException(
                    $"undoing a conflicting unit of conversation {units[i][0].ConversationId} deleted {deletes.BatchCommands[i].RecordsAffected} " +
                    $"of its {units[i].Count} written rows.");
            }
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
