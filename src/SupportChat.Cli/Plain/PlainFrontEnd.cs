using System.Runtime.CompilerServices;
using SupportChat.Cli.Input;
using SupportChat.Cli.Participants;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Plain;

/// <summary>A person at a terminal in line mode: what both plain front ends do alike, around what each shows and how
/// each reads a typed line.</summary>
internal abstract class PlainFrontEnd(LineTerminal terminal) : IFrontEnd
{
    protected LineTerminal Terminal => terminal;

    public abstract void Show(ChatEvent chatEvent);

    public void ShowNotice(string message) => terminal.WriteLine(terminal.Paint(message, Ansi.Dim));

    public void ShowProblem(string code, string message) => terminal.WriteLine(PlainText.Problem(terminal, code, message));

    /// <summary>Typed lines as commands, until one says quit (or input ends).</summary>
    public async IAsyncEnumerable<InputCommand> ReadCommandsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in terminal.ReadLines().ReadAllAsync(cancellationToken))
        {
            if (Read(line) is not { } command)
            {
                continue;
            }

            if (command is QuitInput && LeavingLine is { } leaving)
            {
                terminal.WriteLine(terminal.Paint(leaving, Ansi.Dim));
            }

            yield return command;
            if (command is QuitInput)
            {
                yield break;
            }
        }
    }

    /// <summary>Said when the person quits, so that leaving is not silent; null when what follows says it already.</summary>
    protected virtual string? LeavingLine => null;

    /// <summary>The command a typed line stands for; null when the line was answered here (e.g. help).</summary>
    protected abstract InputCommand? Read(string line);
}
