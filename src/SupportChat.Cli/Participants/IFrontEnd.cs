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

    /// <summary>The user's commands, until end of input.</summary>
    IAsyncEnumerable<InputCommand> ReadCommandsAsync(CancellationToken cancellationToken);
}
