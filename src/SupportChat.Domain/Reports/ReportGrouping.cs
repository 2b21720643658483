namespace SupportChat.Domain.Reports;

/// <summary>How a report splits its period: not at all (one total), by UTC day, by agent, or by department.</summary>
public enum ReportGrouping
{
    None,
    Day,
    Agent,
    Department,
}
