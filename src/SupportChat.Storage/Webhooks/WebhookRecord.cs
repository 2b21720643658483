namespace SupportChat.Storage.Webhooks;

/// <summary>A webhook as stored: where it posts, which kinds (["all"] for every kind), the last event it handled, and
/// the failures of the event after that one while it is being retried.</summary>
public sealed record WebhookRecord(
    string Id,
    string Url,
    IReadOnlyList<string> Kinds,
    long Cursor,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FailingSince = null,
    int Attempts = 0,
    int Failed = 0)
{
    public const string AllKinds = "all";

    public bool Wants(string kind) => Kinds.Contains(AllKinds) || Kinds.Contains(kind);
}
