using SupportChat.Domain.Events;

namespace SupportChat.Server.Events;

/// <summary>An event's typed fields that are set, under the names the feed uses everywhere (proto fields, the JSON
/// "fields" object, the table's columns): one list, so the gRPC feed and the webhooks' JSON say the same.</summary>
internal static class EventFields
{
    public const string ConversationId = "conversation_id";
    public const string Department = "department";
    public const string AgentId = "agent_id";
    public const string AgentName = "agent_name";
    public const string CustomerId = "customer_id";
    public const string CustomerName = "customer_name";
    public const string Reason = "reason";
    public const string EndedBy = "ended_by";
    public const string Score = "score";
    public const string Status = "status";
    public const string FromDepartment = "from_department";

    public static IEnumerable<(string Name, object Value)> Of(ChatEvent e)
    {
        (string, object?)[] all =
        [
            (ConversationId, e.ConversationId), (Department, e.Department), (FromDepartment, e.FromDepartment), (AgentId, e.AgentId),
            (AgentName, e.AgentName), (CustomerId, e.CustomerId), (CustomerName, e.CustomerName), (Status, e.Status),
            (EndedBy, e.EndedBy?.ToString().ToLowerInvariant()), (Score, e.Score), (Reason, e.Reason),
        ];
        return all.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));
    }
}
