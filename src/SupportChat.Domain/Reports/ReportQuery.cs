namespace SupportChat.Domain.Reports;

/// <summary>A report over [<see cref="Since"/>, <see cref="Until"/>): each figure counts in the period in which it
/// completes (see docs/operations.md, "Reports").</summary>
public sealed record ReportQuery(DateTimeOffset Since, DateTimeOffset Until, ReportGrouping By)
{
    /// <summary>The longest period one report covers: a year and a day (so a leap year fits).</summary>
    public static readonly TimeSpan LongestPeriod = TimeSpan.FromDays(367);

    /// <summary>Why the period cannot be reported on, or null when it can.</summary>
    public string? Problem() =>
        Until <= Since ? "the period is empty: --until must be later than --since."
        : Until - Since > LongestPeriod ? "the period is longer than 367 days: ask for a year at a time."
        : null;
}
