using Google.Protobuf.WellKnownTypes;
using SupportChat.Client.Reports;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Connection;

public sealed partial class SupportChatConnection
{
    /// <summary>Team figures over [since, until) (admin token).</summary>
    /// <exception cref="ChatClientException">InvalidArgument for an empty or over-long period; Unauthenticated or
    /// PermissionDenied without an admin token.</exception>
    public Task<TeamReport> GetReportAsync(DateTimeOffset since, DateTimeOffset until, ReportBy by, CancellationToken cancellationToken) =>
        CallAsync(async channel =>
        {
            var response = await new Protocol.V1.Reports.ReportsClient(channel).GetReportAsync(new GetReportRequest
            {
                Since = Timestamp.FromDateTimeOffset(since),
                Until = Timestamp.FromDateTimeOffset(until),
                By = (ReportGrouping)(int)by,
            }, cancellationToken: cancellationToken);
            return new TeamReport(since, until, by, [.. response.Rows.Select(Row)], Row(response.Total ?? new ReportRow()));
        }, cancellationToken);

    private static TeamReportRow Row(ReportRow row) => new(
        row.Group.Length == 0 ? null : row.Group,
        row.Label.Length == 0 ? null : row.Label,
        row.HasConversations ? row.Conversations : null,
        row.Served,
        row.HasAbandoned ? row.Abandoned : null,
        row.HasWaitMedianSeconds ? row.WaitMedianSeconds : null,
        row.HasWaitP90Seconds ? row.WaitP90Seconds : null,
        row.HasFirstResponseMedianSeconds ? row.FirstResponseMedianSeconds : null,
        row.HasHandlingMedianSeconds ? row.HandlingMedianSeconds : null,
        row.Messages,
        row.HasRatingAverage ? row.RatingAverage : null,
        row.RatingCount);
}
