using System.CommandLine;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Output;
using SupportChat.Client;
using SupportChat.Client.Connection;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat history [ID] [--server URL] [--json] [--limit N]</c></summary>
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
        var command = new Command("history", "List past and open conversations, or print one transcript.") { id, server, json, limit, ca, token };
        command.Validators.Add(result =>
        {
            if (result.GetValue(limit) < 0)
            {
                result.AddError("--limit must be 0 or more.");
            }
        });
        command.SetAction((parse, cancel) => RunAsync(parse.GetValue(id), parse.GetRequiredValue(server),
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
