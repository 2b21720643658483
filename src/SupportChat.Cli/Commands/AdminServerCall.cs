using SupportChat.Cli.Exit;
using SupportChat.Client;
using SupportChat.Client.Connection;

namespace SupportChat.Cli.Commands;

/// <summary>What the admin commands that talk to a server share: connect, run, and turn a refusal into a message on
/// standard error and an exit code (2 for a mistake in the command, 1 for anything else).</summary>
internal static class AdminServerCall
{
    public static async Task<int> RunAsync(string command, string servers, ConnectionOptions options, Func<SupportChatConnection, Task<int>> run)
    {
        SupportChatConnection connection;
        try
        {
            connection = SupportChatConnection.Create(servers, options);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"supportchat {command}: {ex.Message.Split(" (Parameter")[0]}");
            return ExitCodes.Usage;
        }

        await using (connection)
        {
            try
            {
                return await run(connection);
            }
            catch (ChatClientException ex)
            {
                await Console.Error.WriteLineAsync(ex.Code == "Unavailable" ? $"supportchat {command}: {ex.Message}." : $"supportchat {command}: {ex.Message} [{ex.Code}]");
                return ex.Code is "InvalidArgument" or "NotFound" ? ExitCodes.Usage : ExitCodes.Failed;
            }
        }
    }
}
