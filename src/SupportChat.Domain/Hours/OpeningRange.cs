namespace SupportChat.Domain.Hours;

/// <summary>One opening on one weekday, in the department's local time: from Start (inclusive) to End (exclusive).
/// End may be 24:00; a range never crosses midnight (write it as two ranges on two days).</summary>
public sealed record OpeningRange(DayOfWeek Day, TimeSpan Start, TimeSpan End)
{
    public bool Contains(DayOfWeek day, TimeSpan timeOfDay) => day == Day && timeOfDay >= Start && timeOfDay < End;
}
