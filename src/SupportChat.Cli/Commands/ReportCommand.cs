using System.CommandLine;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Output;
using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Reports;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat report [--since DATE] [--until DATE] [--by day|agent|department] [--json|--csv]</c>: team figures
/// computed by the server from its store (admin token).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "First day (2026-11-01) or time (2026-11-01T09:00Z), UTC; default: six days before the last.", HelpName = "DATE" };
        var until = new Option<string?>("--until") { Description = "Last day, included (2026-11-30), or end time, excluded; default: now.", HelpName = "DATE" };
        var by = new Option<string?>("--by") { Description = "A row per day, agent or department, then the total.", HelpName = "day|agent|department" };
        by.AcceptOnlyFromAmong("day", "agent", "department");
        var json = new Option<bool>("--json") { Description = "One JSON object per row, the total last." };
        var csv = new Option<bool>("--csv") { Description = "Comma-separated values with a header line, the total last." };
        var server = CommonOptions.Server();
        var ca = CommonOptions.Ca();
        var token = CommonOptions.Token("admin");
        var command = new Command("report", "Conversations, waits, response and handling times, messages and ratings over a period.")
        {
            since, until, by, json, csv, server, ca, token,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(csv))
            {
                result.AddError("--json and --csv cannot be used together.");
            }
        });
        command.SetAction((parse, cancel) => RunAsync(parse, since, until, by, json, csv, server, ca, token, cancel));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<string?> since, Option<string?> until, Option<string?> by,
        Option<bool> json, Option<bool> csv, Option<string> server, Option<string?> ca, Option<string?> token, CancellationToken cancel)
    {
        if (!ReportPeriod.TryResolve(parse.GetValue(since), parse.GetValue(until), DateTimeOffset.UtcNow, out var from, out var to, out var problem))
        {
            await Console.Error.WriteLineAsync($"supportchat report: {problem}");
            return ExitCodes.Usage;
        }

        var grouping = parse.GetValue(by) switch
        {
            "day" => ReportBy.Day,
            "agent" => ReportBy.Agent,
            "department" => ReportBy.Department,
            _ => ReportBy.None,
        };

        return await AdminServerCall.RunAsync("report", parse.GetRequiredValue(server), new ConnectionOptions(parse.GetValue(ca), parse.GetValue(token)),
            async connection =>
            {
                var report = await connection.GetReportAsync(from, to, grouping, cancel);
                var format = parse.GetValue(json) ? ReportFormat.Json : parse.GetValue(csv) ? ReportFormat.Csv : ReportFormat.Table;
                ReportOutput.Write(report, format, Console.Out);
                return ExitCodes.Ok;
            });
    }
}
