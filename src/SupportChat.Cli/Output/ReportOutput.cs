using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SupportChat.Client.Reports;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Output;

internal enum ReportFormat
{
    Table,
    Json,
    Csv,
}

/// <summary>A report as a table for people, or as JSON lines or CSV for scripts (docs/cli.md gives their fields).</summary>
internal static class ReportOutput
{
    private static readonly string[] Fields =
    [
        "conversations", "served", "abandoned", "wait_median_s", "wait_p90_s", "first_response_median_s", "handling_median_s",
        "messages", "rating_average", "rating_count",
    ];

    public static string Show(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static void Write(TeamReport report, ReportFormat format, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Json:
                foreach (var row in report.Rows)
                {
                    output.WriteLine(JsonLines.Format(Json(report, row, total: false)));
                }

                output.WriteLine(JsonLines.Format(Json(report, report.Total, total: true)));
                break;
            case ReportFormat.Csv:
                output.WriteLine("row,group,label," + string.Join(',', Fields));
                foreach (var row in report.Rows)
                {
                    output.WriteLine(Csv("group", row));
                }

                output.WriteLine(Csv("total", report.Total));
                break;
            default:
                WriteTable(report, output);
                break;
        }
    }

    private static string?[] Values(TeamReportRow row) =>
    [
        Number(row.Conversations), Number(row.Served), Number(row.Abandoned), Seconds(row.WaitMedian), Seconds(row.WaitP90),
        Seconds(row.FirstResponseMedian), Seconds(row.HandlingMedian), Number(row.Messages), Rating(row.RatingAverage),
        Number(row.RatingCount),
    ];

    private static JsonObject Json(TeamReport report, TeamReportRow row, bool total)
    {
        var line = new JsonObject
        {
            ["since"] = JsonLines.At(report.Since),
            ["until"] = JsonLines.At(report.Until),
            ["by"] = report.By == ReportBy.None ? null : report.By.ToString().ToLowerInvariant(),
            ["total"] = total,
            ["group"] = row.Group,
            ["label"] = row.Label,
        };
        var values = Values(row);
        for (var i = 0; i < Fields.Length; i++)
        {
            line[Fields[i]] = values[i] is { } value ? JsonNode.Parse(value) : null;
        }

        return line;
    }

    private static string Csv(string kind, TeamReportRow row) =>
        string.Join(',', new[] { kind, row.Group, row.Label }.Concat(Values(row)).Select(CsvField));

    private static string CsvField(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : value;

    private static void WriteTable(TeamReport report, TextWriter output)
    {
        var by = report.By == ReportBy.None ? string.Empty : $", by {report.By.ToString().ToLowerInvariant()}";
        output.WriteLine($"Report {Show(report.Since)} to {Show(report.Until)}{by}");
        string[] header =
        [
            report.By switch { ReportBy.Day => "DAY", ReportBy.Agent => "AGENT", ReportBy.Department => "DEPARTMENT", _ => string.Empty },
            "CONVERSATIONS", "SERVED", "ABANDONED", "WAIT P50", "WAIT P90", "1ST REPLY P50", "HANDLING P50", "MESSAGES", "RATING",
        ];
        var rows = report.Rows.Select(row => Cells(row.Label ?? row.Group ?? string.Empty, row)).ToList();
        rows.Add(Cells("total", report.Total));
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(header, widths));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private static string[] Cells(string name, TeamReportRow row) =>
    [
        VisibleText.OneLine(name), Count(row.Conversations), Count(row.Served), Count(row.Abandoned), Duration(row.WaitMedian),
        Duration(row.WaitP90), Duration(row.FirstResponseMedian), Duration(row.HandlingMedian), Count(row.Messages),
        row.RatingAverage is { } average ? $"{average.ToString("0.0", CultureInfo.InvariantCulture)} ({row.RatingCount})" : "-",
    ];

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            // Names left, figures right, as in a spreadsheet.
            line.Append(i == 0 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]));
            line.Append(i < cells.Length - 1 ? "  " : string.Empty);
        }

        return line.ToString().TrimEnd();
    }

    private static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>"0.4s", "42s", "3m05s", "1h02m": as precise as a person reads a wait.</summary>
    private static string Duration(double? seconds) => seconds switch
    {
        null => "-",
        < 10 => $"{seconds.Value.ToString("0.0", CultureInfo.InvariantCulture)}s",
        < 60 => $"{Math.Round(seconds.Value).ToString(CultureInfo.InvariantCulture)}s",
        < 3600 => $"{(int)(seconds.Value / 60)}m{(int)(seconds.Value % 60):00}s",
        _ => $"{(int)(seconds.Value / 3600)}h{(int)(seconds.Value % 3600 / 60):00}m",
    };

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Seconds(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);

    private static string? Rating(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);
}
