using Google.Protobuf.WellKnownTypes;
using SupportChat.Domain.Events;
using SupportChat.Protocol.V1;
using SupportChat.Storage.Webhooks;

namespace SupportChat.Server.Events;

/// <summary>Domain and store records to the EventFeed's messages; unset fields stay absent (proto3 optional).</summary>
internal static class FeedEventMapper
{
    public static FeedEvent ToFeedEvent(ChatEvent e)
    {
        var feed = new FeedEvent { Cursor = e.Cursor, Kind = e.Kind, At = Timestamp.FromDateTimeOffset(e.At) };
        foreach (var (name, value) in EventFields.Of(e))
        {
            switch (name)
            {
                case EventFields.ConversationId: feed.ConversationId = (string)value; break;
                case EventFields.Department: feed.Department = (string)value; break;
                case EventFields.AgentId: feed.AgentId = (string)value; break;
                case EventFields.AgentName: feed.AgentName = (string)value; break;
                case EventFields.CustomerId: feed.CustomerId = (string)value; break;
                case EventFields.CustomerName: feed.CustomerName = (string)value; break;
                case EventFields.Reason: feed.Reason = (string)value; break;
                case EventFields.EndedBy: feed.EndedBy = (string)value; break;
                case EventFields.Score: feed.Score = (int)value; break;
                case EventFields.Status: feed.Status = (string)value; break;
                case EventFields.FromDepartment: feed.FromDepartment = (string)value; break;
            }
        }

        return feed;
    }

    public static Webhook ToWebhook(WebhookRecord w) => new()
    {
        Id = w.Id,
        Url = w.Url,
        Kinds = { w.Kinds },
        Cursor = w.Cursor,
        Failed = w.Failed,
        CreatedAt = Timestamp.FromDateTimeOffset(w.CreatedAt),
    };

    public static Protocol.V1.FailedDelivery ToFailedDelivery(Storage.Webhooks.FailedDelivery f) => new()
    {
        WebhookId = f.WebhookId,
        Cursor = f.Cursor,
        Kind = f.Kind,
        FirstFailedAt = Timestamp.FromDateTimeOffset(f.FirstFailedAt),
        Attempts = f.Attempts,
        LastError = f.LastError,
        Retrying = f.Retrying,
    };
}
