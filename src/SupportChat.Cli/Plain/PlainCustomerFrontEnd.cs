using System.Runtime.CompilerServices;
using SupportChat.Cli.Input;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Plain;

/// <summary>A customer at a terminal: sees the queue, then chats; /end or /quit (or qw!) to leave.</summary>
internal sealed class PlainCustomerFrontEnd(LineTerminal terminal) : Participants.IFrontEnd
{
    private const string Help = "Type a message and press Enter. /end or /quit (or qw!) ends the conversation; /help shows this.";
    private string _agent = "the agent";
    private bool _welcomed;

    public void Show(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case CustomerWelcome when _welcomed:
                break; // the same conversation again, after a reconnect
            case CustomerWelcome w:
                _welcomed = true;
                terminal.WriteLine($"Hello! You are joining the {PlainText.Safe(w.Department)} desk.");
                break;
            case QueuePosition q:
                var wait = q.EstimatedWait is { } estimate ? $", {PlainText.Wait(estimate)}" : string.Empty;
                terminal.WriteLine(terminal.Paint($"You are number {q.Position} in the queue{wait}. Please wait…", Ansi.Yellow));
                break;
            case ConversationAssigned a:
                _agent = PlainText.Safe(a.AgentName);
                var title = a.AgentTitle.Length > 0 ? $", {PlainText.Safe(a.AgentTitle)}," : string.Empty;
                terminal.WriteLine(terminal.Paint($"{_agent}{title} is here to help. ", Ansi.Green) + terminal.Paint(Help, Ansi.Dim));
                break;
            case MessageReceived m:
                terminal.WriteLine(Line(m));
                break;
            case ConversationEnded e:
                terminal.WriteLine(terminal.Paint($"The conversation was {PlainText.EndedBy(e, "customer", _agent)}. Goodbye!", Ansi.Yellow));
                break;
            case ServerError e:
                terminal.WriteLine(PlainText.Problem(terminal, e.Code, e.Message));
                break;
            case Reconnecting or Reconnected or StreamClosed:
                PlainText.ShowConnection(terminal, chatEvent);
                break;
        }
    }

    public void ShowNotice(string message) => terminal.WriteLine(terminal.Paint(message, Ansi.Dim));

    public void ShowProblem(string code, string message) => terminal.WriteLine(PlainText.Problem(terminal, code, message));

    public async IAsyncEnumerable<InputCommand> ReadCommandsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in terminal.ReadLines().ReadAllAsync(cancellationToken))
        {
            var trimmed = line.Trim();
            switch (trimmed)
            {
                case "/quit" or "qw!" or "/end":
                    yield return new QuitInput();
                    yield break;
                case "/help":
                    terminal.WriteLine(Help);
                    continue;
            }

            if (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                yield return new InvalidInput($"unknown command {trimmed.Split(' ')[0]}; {Help}");
                continue;
            }

            // "//text" sends a message that starts with a slash.
            yield return new SendInput(null, trimmed.StartsWith("//", StringComparison.Ordinal) ? line.TrimStart()[1..] : line);
        }
    }

    private string Line(MessageReceived m)
    {
        var time = terminal.Paint($"[{PlainText.Time(m.SentAt)}]", Ansi.Dim);
        return m.From switch
        {
            SenderRole.System => $"{time} {terminal.Paint("* " + PlainText.Safe(m.Text), Ansi.Magenta)}",
            _ when m.IsOwn => $"{time} {terminal.Paint("You", Ansi.Bold)}: {PlainText.Safe(m.Text)}",
            _ => $"{time} {terminal.Paint(PlainText.Safe(m.SenderName), Ansi.Cyan)}: {PlainText.Safe(m.Text)}",
        };
    }
}
