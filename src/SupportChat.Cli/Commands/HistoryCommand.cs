using System.CommandLine;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Output;
using SupportChat.Cli.Sessions;
using SupportChat.Client;
using SupportChat.Client.Connection;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat history [ID] [--server URL] [--json] [--limit N]</c>; a customer's own transcript with
/// <c>--session FILE</c> or <c>--name NAME</c> (see <see cref="CustomerHistory"/>).</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("ID") { Description = "A conversation id: print its transcript instead of the list.", Arity = ArgumentArity.ZeroOrOne };
        var server = CommonOptions.Server();
        var json = new Option<bool>("--json") { Description = "One JSON object per line." };
        var limit = new Option<int>("--limit") { Description = "List only the newest N conversations (default: all).", HelpName = "N" };
        var ca = CommonOptions.Ca();
        var token = CommonOptions.Token("agent or admin");
        var session = new Option<string?>("--session")
        {
            Description = "A customer's session file (from 'supportchat customer --session'): print that conversation's transcript as the customer sees it.",
            HelpName = "FILE",
        };
        var name = new Option<string?>("--name")
        {
            Description = "As --session, with the file 'supportchat customer --name NAME' keeps by default for this --server.",
            HelpName = "NAME",
        };
        var command = new Command("history", "List past and open conversations, or print one transcript.") { id, server, json, limit, ca, token, session, name };
        command.Validators.Add(result =>
        {
            var asCustomer = result.GetValue(session) is not null || result.GetValue(name) is not null;
            if (result.GetValue(session) is not null && result.GetValue(name) is not null)
            {
                result.AddError("give --session or --name, not both.");
            }

            if (asCustomer && (result.GetValue(id) is not null || result.GetValue(token) is not null || result.GetValue(limit) != 0))
            {
                result.AddError("--session and --name print the customer's own conversation: they take no ID, --token or --limit.");
            }

            if (result.GetValue(limit) < 0)
            {
                result.AddError("--limit must be 0 or more.");
            }
        });
        command.SetAction((parse, cancel) => parse.GetValue(session) is not null || parse.GetValue(name) is not null
            ? CustomerHistory.RunAsync(parse.GetRequiredValue(server),
                parse.GetValue(session) ?? CustomerSessionFile.DefaultPath(parse.GetRequiredValue(server), parse.GetValue(name)!),
                parse.GetValue(ca), parse.GetValue(json), cancel)
            : RunAsync(parse.GetValue(id), parse.GetRequiredValue(server),
            new ConnectionOptions(parse.GetValue(ca), parse.GetValue(token)), parse.GetValue(json), parse.GetValue(limit), cancel));
        return command;
    }

    private static async Task<int> RunAsync(string? id, string servers, ConnectionOptions options, bool json, int limit, CancellationToken token)
    {
        SupportChatConnection connection;
        try
        {
            connection = SupportChatConnection.Create(servers, options);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"supportchat history: {ex.Message.Split(" (Parameter")[0]}");
            return ExitCodes.Usage;
        }

        await using (connection)
        {
            try
            {
                if (id is null)
                {
                    var conversations = await connection.ListConversationsAsync(limit, token);
                    HistoryOutput.WriteList(conversations, json);
                }
                else
                {
                    var transcript = await connection.GetTranscriptAsync(id, token);
                    HistoryOutput.WriteTranscript(transcript, json);
                }

                return ExitCodes.Ok;
            }
            catch (ChatClientException ex)
            {
                // Unavailable comes from the client library with what to do in it.
                await Console.Error.WriteLineAsync(ex.Code == "Unavailable" ? $"supportchat history: {ex.Message}." : $"supportchat history: {ex.Message} [{ex.Code}]");
                return ex.Code is "InvalidArgument" or "NotFound" ? ExitCodes.Usage : ExitCodes.Failed;
            }
        }
    }
}
