using System.CommandLine;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Input;
using SupportChat.Cli.Participants;
using SupportChat.Cli.Plain;
using SupportChat.Cli.Screen;
using SupportChat.Cli.Screen.State;
using SupportChat.Cli.Sessions;
using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Sessions;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat customer --name NAME [--department D] [--email ADDRESS] [--server URL] [--json|--plain] [--new] [--session FILE]</c></summary>
internal static class CustomerCommand
{
    public static Command Create()
    {
        var name = CommonOptions.Name("customer");
        name.Required = false; // asked for on the terminal when missing
        var department = new Option<string?>("--department") { Description = "Where to ask for help (default: the server's first department).", HelpName = "D" };
        var email = new Option<string?>("--email")
        {
            Description = "How the support team can reach you later (optional; shown to the agent and kept with the conversation).",
            HelpName = "ADDRESS",
        };
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
            name, department, email, server, json, plain, fresh, sessionFile, ca,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(plain))
            {
                result.AddError("--json and --plain cannot be used together.");
            }

            if (result.GetValue(email) is { } address && CustomerJoin.EmailProblem(address) is { } problem)
            {
                result.AddError($"--email: {problem}");
            }

            if (result.GetValue(name) is null && (result.GetValue(json) || Console.IsInputRedirected))
            {
                result.AddError("--name is required.");
            }
        });
        command.SetAction((parse, _) =>
        {
            var servers = parse.GetRequiredValue(server);
            var customerName = parse.GetValue(name) ?? ScreenMode.PromptName("Your name (first and last): ");
            if (customerName is null)
            {
                return Task.FromResult(ExitCodes.Usage);
            }

            var join = new CustomerJoin(customerName, parse.GetValue(department), Email: parse.GetValue(email));
            var file = new CustomerSessionFile(parse.GetValue(sessionFile) ?? CustomerSessionFile.DefaultPath(servers, join.Name));
            var options = new ConnectionOptions(parse.GetValue(ca));
            var (asJson, asPlain) = (parse.GetValue(json), parse.GetValue(plain));
            if (ScreenMode.FullScreen(asJson, asPlain))
            {
                return RunFullScreenAsync(join, servers, options, parse.GetValue(fresh), file);
            }

            return asJson
                ? RunJsonAsync(join, servers, options, parse.GetValue(fresh), file)
                : RunPlainAsync(join, servers, options, parse.GetValue(fresh), file);
        });
        return command;
    }

    private static async Task<int> RunJsonAsync(CustomerJoin join, string server, ConnectionOptions options, bool fresh, CustomerSessionFile file)
    {
        var exitCode = await RunAsync(join, server, options, new JsonFrontEnd(isAgent: false), json: true, fresh, file);
        TellIfLeftBehind(file);
        return exitCode;
    }

    private static async Task<int> RunPlainAsync(CustomerJoin join, string server, ConnectionOptions options, bool fresh, CustomerSessionFile file)
    {
        var terminal = new LineTerminal();
        int exitCode;
        try
        {
            exitCode = await RunAsync(join, server, options, new PlainCustomerFrontEnd(terminal), json: false, fresh, file);
        }
        finally
        {
            terminal.Close();
        }

        TellIfLeftBehind(file);
        return exitCode;
    }

    /// <summary>The full-screen interface; once the conversation has ended on screen, the customer's rating is sent.</summary>
    /// <remarks>Ctrl+C or SIGTERM ends the conversation and skips the rating.</remarks>
    private static async Task<int> RunFullScreenAsync(CustomerJoin join, string server, ConnectionOptions options, bool fresh, CustomerSessionFile file)
    {
        int exitCode;
        RatingAnswer? answer = null;
        CustomerResume? identity;
        using var signal = new ShutdownSignal();
        await using (var screen = new CustomerTuiFrontEnd(join.Name))
        {
            exitCode = await RunAsync(join, server, options, screen, json: false, fresh, file, signal);
            if (screen.AsksForRating && !screen.Quitting && !signal.Signalled)
            {
                answer = await screen.Rating.WaitAsync(signal.Token).ContinueWith(
                    t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
            }

            identity = screen.Identity;
        }

        if (answer is not null && identity is not null)
        {
            await RateAsync(server, options, identity, answer);
        }

        // Once the screen has handed the terminal back.
        TellIfLeftBehind(file);
        return exitCode;
    }

    private static async Task RateAsync(string server, ConnectionOptions options, CustomerResume identity, RatingAnswer answer)
    {
        try
        {
            await using var connection = SupportChatConnection.Create(server, options with { Token = identity.HistoryToken });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await connection.RateConversationAsync(identity.ConversationId, answer.Score, answer.Comment, timeout.Token);
            Console.Out.WriteLine($"Thank you: you rated this conversation {answer.Score}/5.");
        }
        catch (Exception ex) when (ex is ChatClientException or OperationCanceledException)
        {
            Console.Error.WriteLine($"error: your rating could not be saved ({ex.Message}).");
        }
    }

    /// <summary>Resumes the unfinished conversation of the session file, unless the customer left it or chooses not to
    /// resume it (--new, or "n" at the prompt): then it is ended first, so that no agent keeps a seat for it.</summary>
    private static async Task<int> RunAsync(
        CustomerJoin join, string server, ConnectionOptions options, IFrontEnd screen, bool json, bool fresh, CustomerSessionFile file,
        ShutdownSignal? signal = null)
    {
        CustomerResume? resume = null;
        CustomerResume? leftBehind = null;
        if (file.Load() is { } saved)
        {
            if (saved.Left || fresh || (!json && !Console.IsInputRedirected && !AcceptsResume(saved.Resume)))
            {
                leftBehind = saved.Resume;
                // The choice holds even if no server answers now: the next start ends it too, and asks nothing.
                file.Save(saved.Resume, left: true);
            }
            else
            {
                resume = saved.Resume;
            }
        }

        var front = new SessionKeepingFrontEnd(screen, file, resume);
        var exitCode = await ParticipantStarter.RunAsync(
            server, options, front,
            (connection, token) => StartAsync(connection, join, resume, leftBehind, file, front, token),
            (session, command, token) => ExecuteAsync((CustomerSession)session, command, token),
            signal);
        front.Finish();
        return exitCode;
    }

    /// <summary>Ends a conversation left behind (see <see cref="RunAsync(CustomerJoin, string, ConnectionOptions, IFrontEnd, bool, bool, CustomerSessionFile, ShutdownSignal?)"/>),
    /// then resumes the saved conversation if there is one; if the server no longer knows it, starts afresh.</summary>
    private static async Task<CustomerSession> StartAsync(SupportChatConnection connection, CustomerJoin join, CustomerResume? saved,
        CustomerResume? leftBehind, CustomerSessionFile file, IFrontEnd front, CancellationToken token)
    {
        if (leftBehind is not null)
        {
            await LeftConversation.EndAsync(connection, leftBehind, token);
            file.Delete();
            front.ShowNotice($"Ended your earlier conversation {leftBehind.ConversationId}.");
        }

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

    /// <summary>The customer left, but the server never confirmed the end (it could not be reached): say when it will end.</summary>
    private static void TellIfLeftBehind(CustomerSessionFile file)
    {
        if (file.Load() is { Left: true } saved)
        {
            Console.Error.WriteLine($"supportchat: the server could not be reached to end your conversation {saved.Resume.ConversationId}; " +
                "it will be ended the next time you run 'supportchat customer' with the same name and server.");
        }
    }

    private static bool AcceptsResume(CustomerResume saved)
    {
        Console.Write($"You have an unfinished conversation ({saved.ConversationId}). Resume it? [Y/n] ");
        var answer = Console.ReadLine()?.Trim();
        return answer is null || answer.Length == 0 || answer.StartsWith('y') || answer.StartsWith('Y');
    }

    /// <summary>Carries out a command; a send returns its client_msg_id.</summary>
    private static async Task<string?> ExecuteAsync(CustomerSession session, InputCommand command, CancellationToken token)
    {
        switch (command)
        {
            case SendInput send:
                return await session.PostAsync(send.Text, token);
            case EndInput:
                await session.EndAsync(token);
                break;
            case TypingInput:
                await session.TypingAsync(token);
                break;
        }

        return null;
    }
}
