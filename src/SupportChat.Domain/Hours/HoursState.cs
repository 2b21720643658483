namespace SupportChat.Domain.Hours;

/// <summary>Whether a department is open at one instant. OpensAt: the next opening when closed (null when open).
/// NextChange: when it next opens or closes, so a queue can wake up then.</summary>
public sealed record HoursState(bool Open, DateTimeOffset? OpensAt, DateTimeOffset NextChange);
