using System.Data.Common;
using System.Globalization;
using SupportChat.Domain.Reports;

namespace SupportChat.Storage;

/// <summary>Runs <see cref="ReportSql"/> for the rows and again, ungrouped, for the total; a report by day has a row
/// for every UTC day the period touches, those without any figure included.</summary>
internal static class ReportReader
{
    private const long MsPerDay = 86_400_000;

    public static async Task<Report> ReadAsync(DbConnection connection, StoreRows rows, ReportQuery query, CancellationToken cancellationToken)
    {
        var found = await ReadRowsAsync(connection, rows, query, query.By, cancellationToken);
        var total = query.By == ReportGrouping.None
            ? found
            : await ReadRowsAsync(connection, rows, query, ReportGrouping.None, cancellationToken);
        var totalRow = (total.Count == 0 ? ReportRow.Empty(null, null, ReportGrouping.None) : total[0]) with { Group = null, Label = null };
        IReadOnlyList<ReportRow> grouped = query.By switch
        {
            ReportGrouping.None => [],
            ReportGrouping.Day => EveryDay(query, found),
            _ => found,
        };
        return new Report(query, grouped, totalRow);
    }

    private static async Task<IReadOnlyList<ReportRow>> ReadRowsAsync(DbConnection connection, StoreRows rows, ReportQuery query,
        ReportGrouping by, CancellationToken cancellationToken)
    {
        await using var select = connection.Command(ReportSql.Build(rows, by),
            ("@since", query.Since.ToUnixTimeMilliseconds()), ("@until", query.Until.ToUnixTimeMilliseconds()));
        var read = await select.ReadAllAsync(r => Read(r, by), cancellationToken);
        return read;
    }

    private static ReportRow Read(DbDataReader r, ReportGrouping by)
    {
        var group = r.GetString(0);
        return new ReportRow(
            Group: by == ReportGrouping.Day ? DayName(long.Parse(group, CultureInfo.InvariantCulture)) : group,
            Label: r.IsDBNull(1) ? null : r.GetString(1),
            Conversations: by == ReportGrouping.Agent ? null : r.GetInt64(2),
            Served: r.GetInt64(3),
            Abandoned: by == ReportGrouping.Agent ? null : r.GetInt64(4),
            WaitMedian: Double(r, 5),
            WaitP90: Double(r, 6),
            FirstResponseMedian: Double(r, 7),
            HandlingMedian: Double(r, 8),
            Messages: r.GetInt64(9),
            RatingAverage: Double(r, 10),
            RatingCount: r.GetInt64(11));
    }

    private static double? Double(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetDouble(ordinal);

    private static IReadOnlyList<ReportRow> EveryDay(ReportQuery query, IReadOnlyList<ReportRow> found)
    {
        var byDay = found.ToDictionary(row => row.Group!, StringComparer.Ordinal);
        var days = new List<ReportRow>();
        var last = (query.Until.ToUnixTimeMilliseconds() - 1) / MsPerDay;
        for (var day = query.Since.ToUnixTimeMilliseconds() / MsPerDay; day <= last; day++)
        {
            var name = DayName(day);
            days.Add(byDay.TryGetValue(name, out var row) ? row : ReportRow.Empty(name, null, ReportGrouping.Day));
        }

        return days;
    }

    private static string DayName(long day) =>
        DateTimeOffset.FromUnixTimeMilliseconds(day * MsPerDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
