namespace SupportChat.Domain.Reports;

/// <summary>
/// One row of a report: a group (a UTC day as yyyy-MM-dd, an agent id, a department; null for the total) with its
/// figures. A figure that does not apply to the grouping (conversations started and abandoned in queue have no agent)
/// is null, as are medians and averages over nothing. Durations are in seconds.
/// </summary>
public sealed record ReportRow(
    string? Group,
    string? Label,
    long? Conversations,
    long Served,
    long? Abandoned,
    double? WaitMedian,
    double? WaitP90,
    double? FirstResponseMedian,
    double? HandlingMedian,
    long Messages,
    double? RatingAverage,
    long RatingCount)
{
    /// <summary>A row with nothing in it (a day of the period without any conversation).</summary>
    public static ReportRow Empty(string? group, string? label, ReportGrouping by) => new(
        group, label, by == ReportGrouping.Agent ? null : 0, 0, by == ReportGrouping.Agent ? null : 0,
        null, null, null, null, 0, null, 0);
}
