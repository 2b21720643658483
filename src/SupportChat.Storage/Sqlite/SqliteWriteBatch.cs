using Microsoft.Data.Sqlite;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Sqlite;

/// <summary>Applies a batch of pending writes inside one open transaction.</summary>
internal static class SqliteWriteBatch
{
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
    /// Inserts one unit's rows. A taken (conversation, seq) fails the unit with a conflict; rows of the unit before
    /// it may stay written, which is safe because the conversation then catches up from the store before it retries.
    /// A failed statement rolls back only itself in SQLite; the rest of the transaction goes on.
    /// </summary>
    private static void ApplyAppend(MessageInserter inserter, PendingAppend append)
    {
        foreach (var m in append.Messages)
        {
            if (!inserter.TryInsert(m))
            {
                append.Conflicted(m);
                return;
            }
        }
    }

    private static void ApplyConversation(SqliteConnection connection, SqliteTransaction transaction, PendingConversation save)
    {
        var c = save.Conversation;
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO conversations (id, customer_id, customer_name, department, status, agent_id, agent_name, agents, started_at, ended_at, ended_by)
            VALUES ($id, $customer, $customerName, $department, $status, $agent, $agentName, $agents, $started, $ended, $endedBy)
            ON CONFLICT (id) DO UPDATE SET
                customer_id = excluded.customer_id, customer_name = excluded.customer_name, department = excluded.department,
                status = excluded.status, agent_id = excluded.agent_id, agent_name = excluded.agent_name, agents = excluded.agents,
                started_at = excluded.started_at, ended_at = excluded.ended_at, ended_by = excluded.ended_by
            """;
        upsert.Parameters.AddWithValue("$id", c.Id);
        upsert.Parameters.AddWithValue("$customer", c.CustomerId);
        upsert.Parameters.AddWithValue("$customerName", c.CustomerName);
        upsert.Parameters.AddWithValue("$department", c.Department);
        upsert.Parameters.AddWithValue("$status", (int)c.Status);
        upsert.Parameters.AddWithValue("$agent", (object?)c.AgentId ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$agentName", (object?)c.AgentName ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$agents", SqliteRows.JoinAgents(c.Agents));
        upsert.Parameters.AddWithValue("$started", SqliteRows.ToMs(c.StartedAt));
        upsert.Parameters.AddWithValue("$ended", c.EndedAt is { } ended ? SqliteRows.ToMs(ended) : DBNull.Value);
        upsert.Parameters.AddWithValue("$endedBy", c.EndedBy is { } by ? (int)by : DBNull.Value);
        upsert.ExecuteNonQuery();
    }
}
