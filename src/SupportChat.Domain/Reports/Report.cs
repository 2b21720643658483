namespace SupportChat.Domain.Reports;

/// <summary>A report: its rows in group order and the total over the whole period.</summary>
public sealed record Report(ReportQuery Query, IReadOnlyList<ReportRow> Rows, ReportRow Total);
