namespace SupportChat.Domain.Reports;

/// <summary>Team figures computed in SQL from the store's business events, messages and ratings.</summary>
public interface IReportStore
{
    Task<Report> ReportAsync(ReportQuery query, CancellationToken cancellationToken);
}
