using Npgsql;

namespace SupportChat.Storage.Postgres;

/// <summary>
/// Applies a group commit's writes in one round trip (an <see cref="NpgsqlBatch"/>, parameters bound by position). A
/// message whose (conversation, seq) is taken is skipped by <c>ON CONFLICT DO NOTHING</c> rather than aborting the
/// transaction (PostgreSQL would abort all of it): its unit fails with a conflict and the other units commit. Unlike
/// SQLite, every other message of that unit is still inserted, those after the taken one included; the conversation
/// catches up from the store before it retries.
/// </summary>
internal static class PostgresWriteBatch
{
    private const string InsertMessage =
        $"INSERT INTO messages ({StoreSql.MessageColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";

    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingWrite> batch)
    {
        await using var npgsqlBatch = new NpgsqlBatch(connection, transaction);
        foreach (var write in batch)
        {
            switch (write)
            {
                case PendingAppend append:
                    foreach (var m in append.Messages)
                    {
                        npgsqlBatch.BatchCommands.Add(Command(InsertMessage, m.ConversationId, m.Seq, m.MessageId, (int)m.From, m.SenderId,
                            m.SenderName, m.Text, m.ClientMsgId, PostgresRows.ToTimestamp(m.SentAt)));
                    }

                    break;
                case PendingConversation save:
                    npgsqlBatch.BatchCommands.Add(Command(StoreSql.UpsertConversation, PostgresRows.Instance.ConversationValues(save.Conversation)));
                    break;
            }
        }

        await npgsqlBatch.ExecuteNonQueryAsync();

        // One batch command per message and per conversation, in the order added: a message's insert that touched no
        // row found its seq taken.
        var next = 0;
        foreach (var write in batch)
        {
            switch (write)
            {
                case PendingAppend append:
                    foreach (var m in append.Messages)
                    {
                        if (npgsqlBatch.BatchCommands[next++].RecordsAffected != 1)
                        {
                            append.Conflicted(m);
                        }
                    }

                    break;
                case PendingConversation:
                    next++;
                    break;
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
