namespace SupportChat.Storage.Webhooks;

/// <summary>An event a webhook gave up on after retrying it for a day; <see cref="Retrying"/> once an admin queued it
/// again.</summary>
public sealed record FailedDelivery(
    string WebhookId,
    long Cursor,
    string Kind,
    DateTimeOffset FirstFailedAt,
    int Attempts,
    string LastError,
    bool Retrying);
