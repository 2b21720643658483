namespace SupportChat.Client.History;

/// <summary>One conversation as history lists it. <see cref="EndedAt"/> is null while it is open; <see cref="Rating"/>
/// (1–5) is null until the customer has rated it; <see cref="CustomerEmail"/> is empty when the customer gave none.</summary>
public sealed record ConversationSummary(
    string ConversationId,
    string CustomerName,
    IReadOnlyList<string> Agents,
    string Department,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long MessageCount,
    string Status,
    int? Rating = null,
    string RatingComment = "",
    string CustomerEmail = "");
