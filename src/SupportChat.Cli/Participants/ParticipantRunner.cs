using SupportChat.Cli.Exit;
using SupportChat.Cli.Input;
using SupportChat.Client;
using SupportChat.Client.Events;
using SupportChat.Client.Sessions;

namespace SupportChat.Cli.Participants;

/// <summary>
/// Runs a signed-in participant: shows every event, carries out every command (a send's execution returns its
/// client_msg_id), and leaves at end of input, on /quit, or on Ctrl+C / SIGTERM. Returns the exit code.
/// </summary>
internal static class ParticipantRunner
{
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(
        ChatSession session, IFrontEnd front, Func<InputCommand, CancellationToken, Task<string?>> execute, CancellationToken shutdown)
    {
        var pump = PumpEventsAsync(session, front);
        using var stopInput = new CancellationTokenSource();
        var input = Task.Run(() => ReadInputAsync(session, front, execute, stopInput.Token), CancellationToken.None);

        var shutdownRequested = Task.Delay(Timeout.Infinite, shutdown);
        var first = await Task.WhenAny(pump, shutdownRequested);
        if (first != pump)
        {
            await LeaveAsync(session);
        }

        await stopInput.CancelAsync();
        var closed = await pump.WaitAsync(LeaveTimeout).ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result : new StreamClosed("DeadlineExceeded", "the server did not confirm leaving in time."),
            TaskScheduler.Default);
        // Input may be blocked reading a terminal that nobody types into; it ends with the process.
        _ = input.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        return closed.Code is "OK" or "Cancelled" ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<StreamClosed> PumpEventsAsync(ChatSession session, IFrontEnd front)
    {
        var closed = new StreamClosed("OK", "closed");
        await foreach (var chatEvent in session.Events.ReadAllAsync())
        {
            front.Show(chatEvent);
            if (chatEvent is StreamClosed c)
            {
                closed = c;
            }
        }

        return closed;
    }

    private static async Task ReadInputAsync(
        ChatSession session, IFrontEnd front, Func<InputCommand, CancellationToken, Task<string?>> execute, CancellationToken token)
    {
        try
        {
            await foreach (var command in front.ReadCommandsAsync(token))
            {
                switch (command)
                {
                    case QuitInput:
                        await LeaveAsync(session);
                        return;
                    case NoInput:
                        continue;
                    case InvalidInput invalid:
                        front.ShowProblem("InvalidArgument", invalid.Message);
                        continue;
                }

                try
                {
                    if (await execute(command, token) is { } clientMsgId && command is SendInput send)
                    {
                        front.SendQueued(send, clientMsgId);
                    }
                }
                catch (ChatClientException ex)
                {
                    front.CommandFailed(command, ex.Code, ex.Message);
                }
            }

            // End of input means the participant leaves.
            await LeaveAsync(session);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The session is over; nothing more to read.
        }
    }

    private static async Task LeaveAsync(ChatSession session)
    {
        try
        {
            await session.LeaveAsync(CancellationToken.None).WaitAsync(LeaveTimeout);
        }
        catch (TimeoutException)
        {
            await session.DisposeAsync();
        }
    }
}
