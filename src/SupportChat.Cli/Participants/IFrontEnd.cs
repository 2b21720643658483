using SupportChat.Cli.Input;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Participants;

/// <summary>How a participant meets its user: a person at a terminal, or a script speaking JSON lines.</summary>
internal interface IFrontEnd
{
    void Show(ChatEvent chatEvent);

    /// <summary>A problem found on this side (bad input, no connection); code is a gRPC status name.</summary>
    void ShowProblem(string code, string message);

    /// <summary>Something the user should know that is not an event of the contract (e.g. resuming); never on
    /// standard output in --json mode.</summary>
    void ShowNotice(string message);

    /// <summary>The session queued a send under <paramref name="clientMsgId"/>: its outcome arrives as events (an own
    /// message, or an error naming that id). Front ends that show a send before it is acknowledged track it by this.</summary>
    void SendQueued(SendInput send, string clientMsgId)
    {
    }

    /// <summary>A command failed before it reached the server (e.g. the text broke a rule, the session was closed).</summary>
    void CommandFailed(InputCommand command, string code, string message) => ShowProblem(code, message);

    /// <summary>The user's commands, until end of input.</summary>
    IAsyncEnumerable<InputCommand> ReadCommandsAsync(CancellationToken cancellationToken);
}
