namespace SupportChat.Grains.Contracts;

/// <summary>Nobody can answer a waiting customer now. OpensAt: when a closed department opens (null when it is open
/// but nobody of it is signed in). Message: what to tell the customer.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.OfflineView")]
public sealed record OfflineView(
    [property: Id(0)] DateTimeOffset? OpensAt,
    [property: Id(1)] string Message);
