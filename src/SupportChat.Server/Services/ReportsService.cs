using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SupportChat.Domain.Reports;
using SupportChat.Protocol.V1;
using SupportChat.Server.Mapping;
using SupportChat.Server.Security;
using ReportsBase = SupportChat.Protocol.V1.Reports.ReportsBase;
using DomainReportRow = SupportChat.Domain.Reports.ReportRow;
using WireReportRow = SupportChat.Protocol.V1.ReportRow;
using Grouping = SupportChat.Domain.Reports.ReportGrouping;

namespace SupportChat.Server.Services;

/// <summary>Team figures over a period, for admins: validates the period and maps the store's report.</summary>
internal sealed class ReportsService(IReportStore reports, AdminAccess admins) : ReportsBase
{
    public override async Task<GetReportResponse> GetReport(GetReportRequest request, ServerCallContext context)
    {
        await admins.RequireAdminAsync(context);
        if (request.Since is null || request.Until is null)
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "since and until are both required.");
        }

        if (!System.Enum.IsDefined(request.By))
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, $"unknown grouping {(int)request.By}: day, agent or department.");
        }

        var query = new ReportQuery(request.Since.ToDateTimeOffset(), request.Until.ToDateTimeOffset(), ToDomain(request.By));
        if (query.Problem() is { } problem)
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, problem);
        }

        var report = await reports.ReportAsync(query, context.CancellationToken);
        return new GetReportResponse
        {
            Since = request.Since,
            Until = request.Until,
            By = request.By,
            Rows = { report.Rows.Select(ToWire) },
            Total = ToWire(report.Total),
        };
    }

    private static Grouping ToDomain(Protocol.V1.ReportGrouping by) => by switch
    {
        Protocol.V1.ReportGrouping.Day => Grouping.Day,
        Protocol.V1.ReportGrouping.Agent => Grouping.Agent,
        Protocol.V1.ReportGrouping.Department => Grouping.Department,
        _ => Grouping.None,
    };

    private static WireReportRow ToWire(DomainReportRow row)
    {
        var wire = new WireReportRow
        {
            Group = row.Group ?? string.Empty,
            Label = row.Label ?? string.Empty,
            Served = row.Served,
            Messages = row.Messages,
            RatingCount = row.RatingCount,
        };
        if (row.Conversations is { } conversations)
        {
            wire.Conversations = conversations;
        }

        if (row.Abandoned is { } abandoned)
        {
            wire.Abandoned = abandoned;
        }

        if (row.WaitMedian is { } waitMedian)
        {
            wire.WaitMedianSeconds = waitMedian;
        }

        if (row.WaitP90 is { } waitP90)
        {
            wire.WaitP90Seconds = waitP90;
        }

        if (row.FirstResponseMedian is { } firstResponse)
        {
            wire.FirstResponseMedianSeconds = firstResponse;
        }

        if (row.HandlingMedian is { } handling)
        {
            wire.HandlingMedianSeconds = handling;
        }

        if (row.RatingAverage is { } rating)
        {
            wire.RatingAverage = rating;
        }

        return wire;
    }
}
