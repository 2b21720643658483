namespace SupportChat.Grains.Board;

/// <summary>A conversation ended: it leaves the board and counts as served (it had an agent) or abandoned (it never had one).</summary>
[GenerateSerializer, Immutable, Alias("supportchat.ConversationEndedReport")]
public sealed record ConversationEndedReport(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] DateTimeOffset EndedAt,
    [property: Id(2)] bool Served,
    [property: Id(3)] long Version);
