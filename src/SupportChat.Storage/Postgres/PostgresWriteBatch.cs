using Npgsql;

namespace SupportChat.Storage.Postgres;

/// <summary>
/// Applies a group commit's writes in one round trip (an <see cref="NpgsqlBatch"/>). A message whose
/// (conversation, seq) is taken is skipped by <c>ON CONFLICT DO NOTHING</c> rather than aborting the transaction
/// (PostgreSQL would abort all of it): its unit fails with a conflict and the others commit. As in the SQLite store,
/// the unit's other rows may stay written: the conversation catches up from the store before it
/// retries.
/// </summary>
internal static class PostgresWriteBatch
{
    private const string InsertMessage =
        $"INSERT INTO messages ({StoreColumns.Message}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING";

    private const string UpsertConversation = """
        INSERT INTO conversations (id, customer_id, customer_name, department, status, agent_id, agent_name, agents, started_at, ended_at, ended_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (id) DO UPDATE SET
            customer_id = excluded.customer_id, customer_name = excluded.customer_name, department = excluded.department,
            status = excluded.status, agent_id = excluded.agent_id, agent_name = excluded.agent_name, agents = excluded.agents,
            started_at = excluded.started_at, ended_at = excluded.ended_at, ended_by = excluded.ended_by
        """;

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
                            m.SenderName, m.Text, m.ClientMsgId, PostgresRows.ToDb(m.SentAt)));
                    }

                    break;
                case PendingConversation save:
                    var c = save.Conversation;
                    npgsqlBatch.BatchCommands.Add(Command(UpsertConversation, c.Id, c.CustomerId, c.CustomerName, c.Department, (int)c.Status,
                        c.AgentId, c.AgentName, c.Agents.ToArray(), PostgresRows.ToDb(c.StartedAt),
                        c.EndedAt is { } ended ? PostgresRows.ToDb(ended) : null, c.EndedBy is { } by ? (int)by : null));
                    break;
            }
        }

        await npgsqlBatch.ExecuteNonQueryAsync();

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
