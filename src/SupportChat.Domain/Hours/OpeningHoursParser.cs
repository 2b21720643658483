using System.Globalization;

namespace SupportChat.Domain.Hours;

/// <summary>
/// Reads opening hours written as <c>DAYS RANGES [DAYS RANGES]… TIMEZONE</c>, e.g.
/// <c>Mon-Fri 09:00-12:00,13:00-17:00 Sat 10:00-14:00 Europe/Amsterdam</c>. DAYS: a day, a span (Mon-Fri; Fri-Mon
/// wraps over the weekend) or a comma list of those. RANGES: comma separated HH:MM-HH:MM, end after start, 24:00
/// allowed as an end. TIMEZONE: an IANA id. Every error names the part that is wrong.
/// </summary>
public static class OpeningHoursParser
{
    private const string Example = "e.g. 'Mon-Fri 09:00-17:00 Europe/Amsterdam'";

    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static OpeningHours Parse(string text)
    {
        var tokens = (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 3 || tokens.Length % 2 == 0)
        {
            throw new HoursFormatException($"'{text}' is not opening hours: write DAYS HH:MM-HH:MM … TIMEZONE, {Example}.");
        }

        var zone = Zone(tokens[^1]);
        var ranges = new List<OpeningRange>();
        for (var i = 0; i < tokens.Length - 1; i += 2)
        {
            var days = Days(tokens[i]);
            foreach (var (start, end) in Times(tokens[i + 1]))
            {
                ranges.AddRange(days.Select(day => new OpeningRange(day, start, end)));
            }
        }

        return new OpeningHours(ranges, zone, string.Join(' ', tokens));
    }

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new HoursFormatException($"unknown time zone '{id}': use an IANA id such as Europe/Amsterdam or UTC.");
        }
    }

    private static List<DayOfWeek> Days(string token)
    {
        var days = new List<DayOfWeek>();
        foreach (var part in token.Split(','))
        {
            var ends = part.Split('-');
            if (ends.Length > 2)
            {
                throw BadDay(part);
            }

            var first = Day(ends[0]);
            var last = ends.Length == 2 ? Day(ends[1]) : first;
            // A span runs forward through the week and wraps after Saturday: Fri-Mon is Fri, Sat, Sun, Mon.
            for (var day = first; ; day = (DayOfWeek)(((int)day + 1) % 7))
            {
                if (!days.Contains(day))
                {
                    days.Add(day);
                }

                if (day == last)
                {
                    break;
                }
            }
        }

        return days;
    }

    private static DayOfWeek Day(string name)
    {
        var index = Array.FindIndex(DayNames, d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? (DayOfWeek)index : throw BadDay(name);
    }

    private static HoursFormatException BadDay(string part) =>
        new($"bad day '{part}': use Mon, Tue, Wed, Thu, Fri, Sat, Sun, a span such as Mon-Fri, or a list such as Mon,Wed.");

    private static IEnumerable<(TimeSpan Start, TimeSpan End)> Times(string token)
    {
        foreach (var range in token.Split(','))
        {
            var ends = range.Split('-');
            if (ends.Length != 2)
            {
                throw new HoursFormatException($"bad time range '{range}': write HH:MM-HH:MM, {Example}.");
            }

            var start = Time(ends[0], range);
            var end = Time(ends[1], range);
            if (start == TimeSpan.FromHours(24))
            {
                throw new HoursFormatException($"bad time range '{range}': 24:00 can only end a range.");
            }

            if (end <= start)
            {
                throw new HoursFormatException(
                    $"bad time range '{range}': the end is not after the start. Ranges across midnight are not supported: " +
                    "split them over two days, e.g. 'Fri 22:00-24:00 Sat 00:00-02:00'.");
            }

            yield return (start, end);
        }
    }

    private static TimeSpan Time(string text, string range)
    {
        if (text == "24:00")
        {
            return TimeSpan.FromHours(24);
        }

        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out var time)
            ? time
            : throw new HoursFormatException($"bad time '{text}' in '{range}': use HH:MM from 00:00 to 24:00.");
    }
}
