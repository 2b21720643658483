namespace SupportChat.Client.Reports;

/// <summary>How a report splits its period.</summary>
public enum ReportBy
{
    /// <summary>The total only.</summary>
    None,

    /// <summary>A row per UTC day the period touches.</summary>
    Day,

    /// <summary>A row per agent.</summary>
    Agent,

    /// <summary>A row per department.</summary>
    Department,
}

/// <summary>A report over [<see cref="Since"/>, <see cref="Until"/>): its rows in group order and the whole period's total.</summary>
public sealed record TeamReport(DateTimeOffset Since, DateTimeOffset Until, ReportBy By, IReadOnlyList<TeamReportRow> Rows, TeamReportRow Total);

/// <summary>
/// One row: <see cref="Group"/> is a day (yyyy-MM-dd), an agent id or a department, null in the total; <see cref="Label"/>
/// the agent's name. Null figures do not apply to the grouping or have nothing to be computed over. Durations in seconds.
/// </summary>
public sealed record TeamReportRow(
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
    long RatingCount);
