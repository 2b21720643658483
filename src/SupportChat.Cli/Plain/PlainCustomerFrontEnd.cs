using SupportChat.Cli.Input;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Plain;

/// <summary>A customer at a terminal: sees the queue, then chats; /end or /quit (or qw!) to leave.</summary>
internal sealed class PlainCustomerFrontEnd(LineTerminal terminal) : PlainFrontEnd(terminal)
{
    private const string Help = "Type a message and press Enter. /end or /quit (or qw!) ends the conversation; /help shows this.";
    private string _agent = "the agent";
    private bool _welcomed;

    public override void Show(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case CustomerWelcome when _welcomed:
                break; // the same conversation again, after a reconnect
            case CustomerWelcome w:
                _welcomed = true;
                Terminal.WriteLine($"Hello! You are joining the {PlainText.Safe(w.Department)} desk.");
                break;
            case QueuePosition { Offline: true } q:
                Terminal.WriteLine(Terminal.Paint(PlainText.Safe(q.OfflineMessage.Length > 0 ? q.OfflineMessage : "We're offline; leave a message and we'll answer here."), Ansi.Yellow));
                break;
            case QueuePosition { NoAgentAvailable: true } q:
                Terminal.WriteLine(Terminal.Paint($"You are number {q.Position} in the queue. Nobody is available right now; you keep your place until someone is.", Ansi.Yellow));
                break;
            case QueuePosition q:
                var wait = q.EstimatedWait is { } estimate ? $", {PlainText.Wait(estimate)}" : string.Empty;
                Terminal.WriteLine(Terminal.Paint($"You are number {q.Position} in the queue{wait}. Please wait…", Ansi.Yellow));
                break;
            case ConversationAssigned a:
                _agent = PlainText.Safe(a.AgentName);
                var title = a.AgentTitle.Length > 0 ? $", {PlainText.Safe(a.AgentTitle)}," : string.Empty;
                Terminal.WriteLine(Terminal.Paint($"{_agent}{title} is here to help. ", Ansi.Green) + Terminal.Paint(Help, Ansi.Dim));
                break;
            case MessageReceived m:
                Terminal.WriteLine(Line(m));
                break;
            case ConversationEnded e:
                Terminal.WriteLine(Terminal.Paint($"The conversation was {PlainText.EndedBy(e, "customer", _agent)}. Goodbye!", Ansi.Yellow));
                break;
            case ServerError e:
                Terminal.WriteLine(PlainText.Problem(Terminal, e.Code, e.Message));
                break;
            case Reconnecting or Reconnected or StreamClosed:
                PlainText.ShowConnection(Terminal, chatEvent);
                break;
        }
    }

    protected override InputCommand? Read(string line)
    {
        var trimmed = line.Trim();
        switch (trimmed)
        {
            case "/quit" or "qw!" or "/end":
                return new QuitInput();
            case "/help":
                Terminal.WriteLine(Help);
                return null;
        }

        if (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return new InvalidInput($"unknown command {trimmed.Split(' ')[0]}; {Help}");
        }

        // "//text" sends a message that starts with a slash.
        return new SendInput(null, trimmed.StartsWith("//", StringComparison.Ordinal) ? line.TrimStart()[1..] : line);
    }

    private string Line(MessageReceived m)
    {
        var time = Terminal.Paint($"[{PlainText.Time(m.SentAt)}]", Ansi.Dim);
        return m.From switch
        {
            SenderRole.System => $"{time} {Terminal.Paint("* " + PlainText.Safe(m.Text), Ansi.Magenta)}",
            _ when m.IsOwn => $"{time} {Terminal.Paint("You", Ansi.Bold)}: {PlainText.Safe(m.Text)}",
            _ => $"{time} {Terminal.Paint(PlainText.Safe(m.SenderName), Ansi.Cyan)}: {PlainText.Safe(m.Text)}",
        };
    }
}
