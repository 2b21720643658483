using System.CommandLine;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Input;
using SupportChat.Cli.Participants;
using SupportChat.Cli.Plain;
using SupportChat.Cli.Screen;
using SupportChat.Client;
using SupportChat.Client.Sessions;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat agent --name NAME [--department D]… [--capacity N] [--title T] [--server URL] [--json|--plain]
/// [--ca PEM] [--token TOKEN]</c></summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var name = CommonOptions.Name("support engineer");
        name.Required = false; // with --token the account says who the agent is
        var departments = new Option<string[]>("--department")
        {
            Description = "A department to serve; repeat for several (default: the server's first department).",
            HelpName = "D",
            AllowMultipleArgumentsPerToken = false,
        };
        var capacity = CommonOptions.Capacity("Conversations at once, 1–100 (default 3).");
        var title = new Option<string?>("--title") { Description = "A title shown to customers, e.g. \"Support Engineer\".", HelpName = "TITLE" };
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var plain = CommonOptions.Plain();
        var ca = CommonOptions.Ca();
        var token = CommonOptions.Token("agent");
        var command = new Command("agent", "Sign in as a support engineer and chat with customers.")
        {
            name, departments, capacity, title, server, json, plain, ca, token,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(plain))
            {
                result.AddError("--json and --plain cannot be used together.");
            }

            if (result.GetValue(name) is null && (result.GetValue(token) ?? CommonOptions.EnvironmentToken()) is null
                && (result.GetValue(json) || Console.IsInputRedirected))
            {
                result.AddError("--name is required (unless you sign in with --token).");
            }
        });
        command.SetAction((parse, _) =>
        {
            var agentName = parse.GetValue(name);
            if (agentName is null && parse.GetValue(token) is null)
            {
                agentName = ScreenMode.PromptName("Your name, as customers will see it: ");
                if (agentName is null)
                {
                    return Task.FromResult(ExitCodes.Usage);
                }
            }

            var signIn = new AgentSignIn(agentName ?? string.Empty, parse.GetValue(departments) ?? [], parse.GetValue(capacity), parse.GetValue(title));
            return RunAsync(signIn, parse.GetRequiredValue(server), new ConnectionOptions(parse.GetValue(ca), parse.GetValue(token)),
                parse.GetValue(json), parse.GetValue(plain));
        });
        return command;
    }

    private static async Task<int> RunAsync(AgentSignIn signIn, string server, ConnectionOptions options, bool json, bool plain)
    {
        if (json)
        {
            return await RunAsync(signIn, server, options, new JsonFrontEnd(isAgent: true));
        }

        if (!ScreenMode.FullScreen(json, plain))
        {
            var terminal = new LineTerminal();
            try
            {
                return await RunAsync(signIn, server, options, new PlainAgentFrontEnd(terminal));
            }
            finally
            {
                terminal.Close();
            }
        }

        // The signal outlives the session, so that one while the screen closes still ends the process in time.
        using var signal = new ShutdownSignal();
        await using var screen = new AgentTuiFrontEnd();
        return await RunAsync(signIn, server, options, screen, signal);
    }

    private static Task<int> RunAsync(AgentSignIn signIn, string server, ConnectionOptions options, IFrontEnd front, ShutdownSignal? signal = null) =>
        ParticipantStarter.RunAsync(
            server, options, front,
            (connection, token) => connection.StartAgentAsync(signIn, token),
            (session, command, token) => ExecuteAsync((AgentSession)session, command, token),
            signal);

    /// <summary>Carries out a command; a send returns its client_msg_id.</summary>
    private static async Task<string?> ExecuteAsync(AgentSession session, InputCommand command, CancellationToken token)
    {
        if (command is SendInput send)
        {
            return await session.PostAsync(send.Conversation, send.Text, token);
        }

        await (command switch
        {
            EndInput end => session.EndAsync(end.Conversation, token),
            TypingInput typing => session.TypingAsync(typing.Conversation, token),
            TransferInput transfer => session.TransferAsync(transfer.Conversation, transfer.Department, transfer.Note, token),
            HandoverInput handover => session.HandoverAsync(handover.Conversation, handover.Agent, handover.Note, token),
            NoteInput note => session.NoteAsync(note.Conversation, note.Text, token),
            StatusInput status => session.SetStatusAsync(status.Status, status.Capacity, token),
            _ => Task.CompletedTask,
        });
        return null;
    }
}
