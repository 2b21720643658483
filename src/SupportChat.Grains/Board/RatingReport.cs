namespace SupportChat.Grains.Board;

/// <summary>A customer rated (or rated again) its conversation.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.RatingReport")]
public sealed record RatingReport(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] int Score,
    [property: Id(2)] DateTimeOffset RatedAt);
