using Microsoft.Data.Sqlite;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Sqlite;

/// <summary>Applies a batch of pending writes inside one open transaction.</summary>
internal static class SqliteWriteBatch
{
    private const int SqliteConstraint = 19;

    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<PendingWrite> batch)
    {
        // One prepared insert for the whole transaction: building a command per row costs more than the insert.
        using var insert = MessageInsert(connection, transaction);
        foreach (var write in batch)
        {
            switch (write)
            {
                case PendingAppend append:
                    ApplyAppend(insert, append);
                    break;
                case PendingConversation save:
                    ApplyConversation(connection, transaction, save);
                    break;
            }
        }
    }

    private static SqliteCommand MessageInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO messages ({SqliteRows.MessageColumns})
            VALUES ($conversation, $seq, $id, $role, $sender, $name, $text, $client, $at)
            """;
        foreach (var name in new[] { "$conversation", "$seq", "$id", "$role", "$sender", "$name", "$text", "$client", "$at" })
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return insert;
    }

    /// <summary>
    /// Inserts one unit's rows. A taken (conversation, seq) fails the unit with a conflict; rows of the unit before
    /// it may stay written, which is safe because the conversation then catches up from the store before it retries.
    /// </summary>
    private static void ApplyAppend(SqliteCommand insert, PendingAppend append)
    {
        foreach (var m in append.Messages)
        {
            var p = insert.Parameters;
            p[0].Value = m.ConversationId;
            p[1].Value = m.Seq;
            p[2].Value = m.MessageId;
            p[3].Value = (int)m.From;
            p[4].Value = m.SenderId;
            p[5].Value = m.SenderName;
            p[6].Value = m.Text;
            p[7].Value = m.ClientMsgId;
            p[8].Value = SqliteRows.ToMs(m.SentAt);
            try
            {
                insert.ExecuteNonQuery();
                append.Results.Add(m);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
            {
                // A failed statement rolls back only itself in SQLite; the rest of the transaction goes on.
                append.Results.Clear();
                append.Error = new StoreConflictException($"conversation {m.ConversationId} already has seq {m.Seq} (or this send is stored)", ex);
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
