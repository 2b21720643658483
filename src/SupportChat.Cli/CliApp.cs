using System.CommandLine;
using System.Text;
using SupportChat.Cli.Commands;
using SupportChat.Cli.Exit;

namespace SupportChat.Cli;

/// <summary>The <c>supportchat</c> command line: serve, agent, customer, history.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var parsed = CreateRoot().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var line in ParseErrorText.Describe(parsed))
            {
                await Console.Error.WriteLineAsync(line);
            }

            return ExitCodes.Usage;
        }

        // Each command handles Ctrl+C and SIGTERM itself, so it can leave cleanly.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>Every command and option, as parsed and as shown by --help.</summary>
    public static RootCommand CreateRoot() => HelpText.Install(ConvertibleValues.GuardValidators(
        new("SupportChat: customer-support live chat over gRPC streaming.")
        {
            ServeCommand.Create(),
            AgentCommand.Create(),
            CustomerCommand.Create(),
            HistoryCommand.Create(),
            ReportCommand.Create(),
            CannedCommand.Create(),
            CertsCommand.Create(),
            AgentsCommand.Create(),
            AgentsCommand.CreateAdmin(),
            BenchCommand.Create(),
        }));
}
