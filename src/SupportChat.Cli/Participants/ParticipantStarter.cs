using SupportChat.Cli.Exit;
using SupportChat.Cli.Input;
using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Sessions;

namespace SupportChat.Cli.Participants;

/// <summary>Connects, starts the session and runs it, turning every expected failure into a message and an exit code.</summary>
internal static class ParticipantStarter
{
    /// <param name="signal">Ctrl+C and SIGTERM, when the caller has more to do after the session that a signal should
    /// cut short (the full-screen customer's rating); otherwise the session's own.</param>
    public static async Task<int> RunAsync<TSession>(
        string servers,
        ConnectionOptions options,
        IFrontEnd front,
        Func<SupportChatConnection, CancellationToken, Task<TSession>> start,
        Func<ChatSession, InputCommand, CancellationToken, Task<string?>> execute,
        ShutdownSignal? signal = null)
        where TSession : ChatSession
    {
        SupportChatConnection connection;
        try
        {
            connection = SupportChatConnection.Create(servers, options);
        }
        catch (ArgumentException ex)
        {
            front.ShowProblem("InvalidArgument", ex.Message.Split(" (Parameter")[0]);
            return ExitCodes.Usage;
        }

        await using (connection)
        {
            using var own = signal is null ? new ShutdownSignal() : null;
            var shutdown = signal ?? own!;
            TSession session;
            try
            {
                session = await start(connection, shutdown.Token);
            }
            catch (ChatClientException ex)
            {
                front.ShowProblem(ex.Code, Describe(ex, connection));
                return ex.Code is "InvalidArgument" ? ExitCodes.Usage : ExitCodes.Failed;
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Failed;
            }

            await using (session)
            {
                return await ParticipantRunner.RunAsync(session, front, (command, token) => execute(session, command, token), shutdown.Token);
            }
        }
    }

    // The client library says what went wrong reaching a server, and what to do, itself.
    private static string Describe(ChatClientException ex, SupportChatConnection connection) => ex.Message;
}
