using Microsoft.Data.Sqlite;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Sqlite;

/// <summary>Applies a batch of pending writes inside one open transaction.</summary>
internal static class SqliteWriteBatch
{
    private const int SqliteConstraint = 19;

    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<PendingWrite> batch)
    {
        foreach (var write in batch)
        {
            switch (write)
            {
                case PendingAppend append:
                    ApplyAppend(connection, transaction, append);
                    break;
                case PendingConversation save:
                    ApplyConversation(connection, transaction, save);
                    break;
            }
        }
    }

    private static void ApplyAppend(SqliteConnection connection, SqliteTransaction transaction, PendingAppend append)
    {
        var m = append.Message;
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO messages ({SqliteRows.MessageColumns})
            VALUES ($conversation, $seq, $id, $role, $sender, $name, $text, $client, $at)
            ON CONFLICT (sender_id, client_msg_id) DO NOTHING
            """;
        insert.Parameters.AddWithValue("$conversation", m.ConversationId);
        insert.Parameters.AddWithValue("$seq", m.Seq);
        insert.Parameters.AddWithValue("$id", m.MessageId);
        insert.Parameters.AddWithValue("$role", (int)m.From);
        insert.Parameters.AddWithValue("$sender", m.SenderId);
        insert.Parameters.AddWithValue("$name", m.SenderName);
        insert.Parameters.AddWithValue("$text", m.Text);
        insert.Parameters.AddWithValue("$client", m.ClientMsgId);
        insert.Parameters.AddWithValue("$at", SqliteRows.ToMs(m.SentAt));

        try
        {
            // A failed statement rolls back only itself in SQLite; the rest of the batch goes on.
            if (insert.ExecuteNonQuery() == 1)
            {
                append.Result = m;
                return;
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
        {
            append.Error = new StoreConflictException($"conversation {m.ConversationId} already has seq {m.Seq}", ex);
            return;
        }

        append.Result = FindBySender(connection, transaction, m.SenderId, m.ClientMsgId);
    }

    private static StoredMessage FindBySender(SqliteConnection connection, SqliteTransaction transaction, string senderId, string clientMsgId)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {SqliteRows.MessageColumns} FROM messages WHERE sender_id = $sender AND client_msg_id = $client";
        select.Parameters.AddWithValue("$sender", senderId);
        select.Parameters.AddWithValue("$client", clientMsgId);
        using var reader = select.ExecuteReader();
        return reader.Read()
            ? SqliteRows.ReadMessage(reader)
            : throw new InvalidOperationException("A duplicate send's original row is missing.");
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
