namespace SupportChat.Storage;

/// <summary>The column lists both stores select, in the order their row readers expect.</summary>
internal static class StoreColumns
{
    public const string Conversation =
        "c.id, c.customer_id, c.customer_name, c.department, c.status, c.agent_id, c.agent_name, c.agents, c.started_at, c.ended_at, c.ended_by, " +
        "(SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id), r.score, r.comment, r.rated_at";

    /// <summary>What follows <c>FROM conversations c</c> so the rating columns are there.</summary>
    public const string ConversationJoins = "LEFT JOIN ratings r ON r.conversation_id = c.id";

    public const string Message =
        "conversation_id, seq, message_id, sender_role, sender_id, sender_name, text, client_msg_id, sent_at";
}
