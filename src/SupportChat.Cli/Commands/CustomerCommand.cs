using System.CommandLine;
using SupportChat.Client;
using SupportChat.Client.Sessions;
using SupportChat.Cli.Input;
using SupportChat.Cli.Participants;
using SupportChat.Cli.Plain;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat customer --name NAME [--department D] [--server URL] [--json|--plain]</c></summary>
internal static class CustomerCommand
{
    public static Command Create()
    {
        var name = CommonOptions.Name("customer");
        var department = new Option<string?>("--department") { Description = "Where to ask for help (default: the server's first department).", HelpName = "D" };
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var plain = CommonOptions.Plain();
        var command = new Command("customer", "Ask for help: wait for a support engineer and chat.")
        {
            name, department, server, json, plain,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(plain))
            {
                result.AddError("--json and --plain cannot be used together.");
            }
        });
        command.SetAction((parse, _) => RunAsync(
            new CustomerJoin(parse.GetRequiredValue(name), parse.GetValue(department)), parse.GetRequiredValue(server), parse.GetValue(json)));
        return command;
    }

    private static Task<int> RunAsync(CustomerJoin join, string server, bool json)
    {
        IFrontEnd front = json ? new JsonFrontEnd(isAgent: false) : new PlainCustomerFrontEnd(new Terminal());
        return ParticipantStarter.RunAsync(
            server, front,
            (connection, token) => connection.StartCustomerAsync(join, token),
            (session, command, token) => ExecuteAsync((CustomerSession)session, command, token));
    }

    private static Task ExecuteAsync(CustomerSession session, InputCommand command, CancellationToken token) => command switch
    {
        SendInput send => session.PostAsync(send.Text, token),
        EndInput => session.EndAsync(token),
        TypingInput => session.TypingAsync(token),
        _ => Task.CompletedTask,
    };
}
