namespace SupportChat.Client.Feed;

/// <summary>A webhook the server delivers events to: the kinds it gets (["all"] for every kind), the last event it
/// handled, and how many events it set aside as failed.</summary>
public sealed record WebhookInfo(string Id, string Url, IReadOnlyList<string> Kinds, long Cursor, int Failed, DateTimeOffset CreatedAt);

/// <summary>A webhook just added, with its signing secret (hex), which the server never shows again.</summary>
public sealed record AddedWebhook(WebhookInfo Webhook, string Secret);

/// <summary>An event a webhook gave up on after retrying it; <see cref="Retrying"/> once queued again.</summary>
public sealed record FailedDeliveryInfo(string WebhookId, long Cursor, string Kind, DateTimeOffset FirstFailedAt, int Attempts, string LastError,
    bool Retrying);
