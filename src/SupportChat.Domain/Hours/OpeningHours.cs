namespace SupportChat.Domain.Hours;

/// <summary>
/// A department's weekly opening hours in one time zone. Times are wall-clock times there, so a range keeps its
/// local hours across daylight-saving changes: 09:00-17:00 is eight hours on a normal day and still 09:00-17:00 on
/// the days the clocks move. A local time the clocks skip (spring forward) opens at the first instant after the gap;
/// a local time that happens twice (fall back) counts from its first occurrence.
/// </summary>
public sealed class OpeningHours
{
    // One week and a day is enough to find the next opening: every schedule opens at least once a week.
    private const int DaysToSearch = 8;

    public OpeningHours(IReadOnlyList<OpeningRange> ranges, TimeZoneInfo zone, string text)
    {
        if (ranges.Count == 0)
        {
            throw new HoursFormatException("no opening ranges given.");
        }

        Ranges = ranges;
        Zone = zone;
        Text = text;
    }

    public IReadOnlyList<OpeningRange> Ranges { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The hours as they were written (for messages and logs).</summary>
    public string Text { get; }

    public static OpeningHours Parse(string text) => OpeningHoursParser.Parse(text);

    public HoursState StateNow(TimeProvider time) => StateAt(time.GetUtcNow());

    public HoursState StateAt(DateTimeOffset instant)
    {
        var open = IsOpen(instant);
        var next = open ? ClosesAfter(instant) : OpensAfter(instant);
        return new HoursState(open, open ? null : next, next);
    }

    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        return Ranges.Any(r => r.Contains(local.DayOfWeek, local.TimeOfDay));
    }

    /// <summary>The first instant after <paramref name="instant"/> at which a range starts.</summary>
    public DateTimeOffset OpensAfter(DateTimeOffset instant) =>
        Boundaries(instant, r => r.Start).First(b => b > instant && IsOpen(b));

    /// <summary>The first instant after <paramref name="instant"/> at which the department is closed (a range ending
    /// where the next begins, such as 24:00 and 00:00, does not close it).</summary>
    public DateTimeOffset ClosesAfter(DateTimeOffset instant) =>
        Boundaries(instant, r => r.End).First(b => b > instant && !IsOpen(b));

    /// <summary>The local date and time an instant has in this zone (for telling people when we open).</summary>
    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>Range starts (or ends) from the local day of <paramref name="instant"/> on, as instants, in order.</summary>
    private IEnumerable<DateTimeOffset> Boundaries(DateTimeOffset instant, Func<OpeningRange, TimeSpan> pick)
    {
        var today = TimeZoneInfo.ConvertTime(instant, Zone).Date;
        for (var d = 0; d < DaysToSearch; d++)
        {
            var date = today.AddDays(d);
            foreach (var time in Ranges.Where(r => r.Day == date.DayOfWeek).Select(pick).Order())
            {
                yield return ToInstant(date + time);
            }
        }
    }

    /// <summary>A wall-clock time in this zone as an instant: a skipped time moves to the end of the gap, a repeated
    /// one takes its first occurrence.</summary>
    private DateTimeOffset ToInstant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            // Gaps are whole minutes in every zone tzdata knows of; step until the clocks are back.
            local = local.AddMinutes(1);
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
