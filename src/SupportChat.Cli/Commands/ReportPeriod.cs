using System.Globalization;
using SupportChat.Cli.Output;

namespace SupportChat.Cli.Commands;

/// <summary>
/// The period of <c>supportchat report</c>, in UTC. A date alone means that day's midnight for --since and the end of
/// that day for --until (so <c>--since 2026-11-02 --until 2026-11-08</c> is seven whole days); a time is taken as
/// given (UTC when it names no offset). Without --until the period ends now; without --since it begins at midnight six
/// days before the day it ends in: the last seven days, that one included.
/// </summary>
internal static class ReportPeriod
{
    private const string DateOnly = "yyyy-MM-dd";

    /// <summary>The server's bound (a year and a day, so a leap year fits), checked here to say it in the options' terms.</summary>
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(367);

    public static bool TryResolve(string? since, string? until, DateTimeOffset now, out DateTimeOffset from, out DateTimeOffset to, out string? problem)
    {
        from = default;
        to = now;
        problem = null;
        if (until is not null && !TryParse(until, endOfDay: true, out to))
        {
            problem = Unreadable("--until", until);
            return false;
        }

        if (since is null)
        {
            from = new DateTimeOffset(to.AddTicks(-1).UtcDateTime.Date, TimeSpan.Zero).AddDays(-6);
        }
        else if (!TryParse(since, endOfDay: false, out from))
        {
            problem = Unreadable("--since", since);
            return false;
        }

        if (to <= from)
        {
            problem = $"--until ({ReportOutput.Show(to)}) must be later than --since ({ReportOutput.Show(from)}).";
            return false;
        }

        if (to - from > LongestPeriod)
        {
            problem = $"--since {ReportOutput.Show(from)} to --until {ReportOutput.Show(to)} is longer than {LongestPeriod.TotalDays} days: ask for a year at a time.";
            return false;
        }

        return true;
    }

    private static bool TryParse(string text, bool endOfDay, out DateTimeOffset at)
    {
        if (DateTime.TryParseExact(text, DateOnly, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            at = new DateTimeOffset(day, TimeSpan.Zero).AddDays(endOfDay ? 1 : 0);
            return true;
        }

        // A time of day needs the 'T' (or a space) after a full date: "5" or "May" must not be read as some date.
        if (text.Length > DateOnly.Length && char.IsAsciiDigit(text[0]) && text[DateOnly.Length] is 'T' or 't' or ' '
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
        {
            return true;
        }

        at = default;
        return false;
    }

    private static string Unreadable(string option, string text) =>
        $"{option} '{text}' is not a date (2026-11-27) or a time (2026-11-27T09:00Z).";
}
