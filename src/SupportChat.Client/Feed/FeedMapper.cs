using V1 = SupportChat.Protocol.V1;

namespace SupportChat.Client.Feed;

/// <summary>The EventFeed's wire messages to the client library's records; an absent optional field is null.</summary>
internal static class FeedMapper
{
    public static FeedEvent Event(V1.FeedEvent e) => new(e.Cursor, e.Kind, e.At?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch)
    {
        ConversationId = e.HasConversationId ? e.ConversationId : null,
        Department = e.HasDepartment ? e.Department : null,
        FromDepartment = e.HasFromDepartment ? e.FromDepartment : null,
        AgentId = e.HasAgentId ? e.AgentId : null,
        AgentName = e.HasAgentName ? e.AgentName : null,
        CustomerId = e.HasCustomerId ? e.CustomerId : null,
        CustomerName = e.HasCustomerName ? e.CustomerName : null,
        Status = e.HasStatus ? e.Status : null,
        EndedBy = e.HasEndedBy ? e.EndedBy : null,
        Score = e.HasScore ? e.Score : null,
        Reason = e.HasReason ? e.Reason : null,
    };

    public static WebhookInfo Webhook(V1.Webhook w) =>
        new(w.Id, w.Url, [.. w.Kinds], w.Cursor, w.Failed, w.CreatedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch);

    public static FailedDeliveryInfo Failed(V1.FailedDelivery f) =>
        new(f.WebhookId, f.Cursor, f.Kind, f.FirstFailedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch, f.Attempts, f.LastError, f.Retrying);
}
