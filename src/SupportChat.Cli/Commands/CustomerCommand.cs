using System.CommandLine;
using SupportChat.Client;
using SupportChat.Client.Sessions;
using SupportChat.Cli.Input;
using SupportChat.Cli.Participants;
using SupportChat.Cli.Plain;
using SupportChat.Cli.Sessions;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat customer --name NAME [--department D] [--server URL] [--json|--plain] [--new] [--session FILE]</c></summary>
internal static class CustomerCommand
{
    public static Command Create()
    {
        var name = CommonOptions.Name("customer");
        var department = new Option<string?>("--department") { Description = "Where to ask for help (default: the server's first department).", HelpName = "D" };
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var plain = CommonOptions.Plain();
        var ca = CommonOptions.Ca();
        var fresh = new Option<bool>("--new") { Description = "Start a new conversation even if an unfinished one could be resumed." };
        var sessionFile = new Option<string?>("--session")
        {
            Description = "File that keeps the unfinished conversation for resuming (default: one per server and name under ~/.local/state/supportchat).",
            HelpName = "FILE",
        };
        var command = new Command("customer", "Ask for help: wait for a support engineer and chat.")
        {
            name, department, server, json, plain, fresh, sessionFile, ca,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(plain))
            {
                result.AddError("--json and --plain cannot be used together.");
            }
        });
        command.SetAction((parse, _) =>
        {
            var servers = parse.GetRequiredValue(server);
            var join = new CustomerJoin(parse.GetRequiredValue(name), parse.GetValue(department));
            var file = new CustomerSessionFile(parse.GetValue(sessionFile) ?? CustomerSessionFile.DefaultPath(servers, join.Name));
            return RunAsync(join, servers, new ConnectionOptions(parse.GetValue(ca)), parse.GetValue(json), parse.GetValue(fresh), file);
        });
        return command;
    }

    private static Task<int> RunAsync(CustomerJoin join, string server, ConnectionOptions options, bool json, bool fresh, CustomerSessionFile file)
    {
        IFrontEnd screen = json ? new JsonFrontEnd(isAgent: false) : new PlainCustomerFrontEnd(new LineTerminal());
        if (fresh)
        {
            file.Delete();
        }

        var saved = file.Load();
        if (saved is not null && !json && !Console.IsInputRedirected && !AcceptsResume(saved))
        {
            file.Delete();
            saved = null;
        }

        var front = new SessionKeepingFrontEnd(screen, file, saved);
        return ParticipantStarter.RunAsync(
            server, options, front,
            (connection, token) => StartAsync(connection, join, saved, file, front, token),
            (session, command, token) => ExecuteAsync((CustomerSession)session, command, token));
    }

    /// <summary>Resumes the saved conversation if there is one; if the server no longer knows it, starts afresh.</summary>
    private static async Task<CustomerSession> StartAsync(
        SupportChatConnection connection, CustomerJoin join, CustomerResume? saved, CustomerSessionFile file, IFrontEnd front, CancellationToken token)
    {
        if (saved is not null)
        {
            try
            {
                var resumed = await connection.StartCustomerAsync(join with { Resume = saved }, token);
                front.ShowNotice($"Resumed your conversation {saved.ConversationId} (start a new one with --new).");
                return resumed;
            }
            catch (ChatClientException ex) when (ex.Code is "Unauthenticated" or "NotFound" or "PermissionDenied")
            {
                front.ShowNotice($"Your earlier conversation could not be resumed ({ex.Message}); starting a new one.");
                file.Delete();
            }
        }

        return await connection.StartCustomerAsync(join, token);
    }

    private static bool AcceptsResume(CustomerResume saved)
    {
        Console.Write($"You have an unfinished conversation ({saved.ConversationId}). Resume it? [Y/n] ");
        var answer = Console.ReadLine()?.Trim();
        return answer is null || answer.Length == 0 || answer.StartsWith('y') || answer.StartsWith('Y');
    }

    private static Task ExecuteAsync(CustomerSession session, InputCommand command, CancellationToken token) => command switch
    {
        SendInput send => session.PostAsync(send.Text, token),
        EndInput => session.EndAsync(token),
        TypingInput => session.TypingAsync(token),
        _ => Task.CompletedTask,
    };
}
