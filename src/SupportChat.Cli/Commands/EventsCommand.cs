using System.CommandLine;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Output;
using SupportChat.Client;
using SupportChat.Client.Connection;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat admin events [--follow] [--since CURSOR] [--json] [--server URL] [--token T]</c></summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var follow = new Option<bool>("--follow") { Description = "After the stored events, keep printing new ones as they happen (Ctrl+C ends)." };
        var since = new Option<long>("--since") { Description = "Print the events after this cursor (default 0: from the first).", HelpName = "CURSOR" };
        var json = new Option<bool>("--json") { Description = "One JSON object per line: cursor, kind, at, fields." };
        var server = CommonOptions.Server();
        var ca = CommonOptions.Ca();
        var token = CommonOptions.Token("admin");
        var command = new Command("events", "Print the server's event feed (conversations queued, assigned, ended …; agents signing in and out).")
        {
            follow, since, json, server, ca, token,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(since) < 0)
            {
                result.AddError("--since must be 0 or a cursor printed earlier.");
            }
        });
        command.SetAction((parse, _) => RunAsync(parse.GetValue(follow), parse.GetValue(since), parse.GetValue(json), parse.GetRequiredValue(server),
            new ConnectionOptions(parse.GetValue(ca), parse.GetValue(token))));
        return command;
    }

    private static async Task<int> RunAsync(bool follow, long since, bool json, string servers, ConnectionOptions options)
    {
        // Ctrl+C (or SIGTERM) ends --follow cleanly: what was printed is complete, the exit code is 0.
        using var signal = new ShutdownSignal();
        return await AdminServerCall.RunAsync("admin events", servers, options, async connection =>
        {
            try
            {
                await foreach (var e in connection.ReadEventsAsync(since, follow, signal.Token))
                {
                    FeedOutput.Write(e, json);
                }
            }
            catch (Exception ex) when (signal.Signalled && ex is OperationCanceledException or ChatClientException { Code: "Cancelled" })
            {
                // Ctrl+C while waiting, before the first event too (the call then ends Cancelled).
            }

            return ExitCodes.Ok;
        });
    }
}
