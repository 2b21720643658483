using System.Globalization;
using SupportChat.Cli.Input;
using SupportChat.Client.Canned;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Plain;

/// <summary>
/// An agent at a terminal. Conversations get short handles (#1, #2…); plain text goes to the current one
/// (shown in the prompt), "#2 text" to another, which then becomes current.
/// </summary>
internal sealed class PlainAgentFrontEnd(LineTerminal terminal) : PlainFrontEnd(terminal)
{
    protected override string? LeavingLine => "Signing off: your open conversations go back to the front of their queues for another agent.";

    private const string Help = """
        Commands:
          text                 send to the current conversation (shown in the prompt)
          #N text              send to conversation #N and make it current;  #N alone switches
          /end [#N]            end a conversation
          /transfer [#N] DEPT [note…]  hand a conversation to another department's queue, with a note for the next agent
          /handover [#N] NAME [note…]  hand a conversation to a signed-in colleague (id or one-word name), with a note
          /note [#N] text      a private note: agents see it, the customer never does
          /away  /available    stop or resume taking new customers
          /capacity N          take up to N conversations at once (and be available)
          /list                your open conversations
          /canned              the team's canned replies
          /reply [#N] SHORTCUT send canned reply SHORTCUT ({customer} and {agent} filled in)
          /quit  (or qw!)      sign off; open conversations go back to the queue
        """;

    // Events and typed lines arrive on different threads; both read and change the handles.
    private readonly Lock _gate = new();
    private readonly HandleBook _handles = new();
    private readonly Dictionary<string, string> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _customerNames = new(StringComparer.Ordinal);
    private IReadOnlyList<CannedReply> _canned = [];
    private AgentReady? _ready;

    public override void Show(ChatEvent chatEvent)
    {
        lock (_gate)
        {
            ShowCore(chatEvent);
        }
    }

    internal InputCommand Parse(string line)
    {
        lock (_gate)
        {
            return ParseCore(line);
        }
    }

    private void ShowCore(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case AgentReady r:
                ShowReady(r);
                _canned = r.CannedReplies;
                break;
            case CannedRepliesChanged c:
                _canned = c.Replies;
                Terminal.WriteLine(Terminal.Paint($"The canned replies changed: {c.Replies.Count} now (/canned lists them).", Ansi.Dim));
                break;
            case ConversationAssigned a:
                _handles.Opened(a.ConversationId);
                _customers[a.ConversationId] = PlainText.Safe(a.CustomerName);
                _customerNames[a.ConversationId] = a.CustomerName;
                Terminal.WriteLine(Terminal.Paint($"{Tag(a.ConversationId)} {_customers[a.ConversationId]} joined from {PlainText.Safe(a.Department)}.", Ansi.Green));
                if (a.HandoverNote.Length > 0)
                {
                    // Issue 21: the handover note first, before the conversation's messages.
                    Terminal.WriteLine(Terminal.Paint($"{Tag(a.ConversationId)} Handover note from {PlainText.Safe(a.HandoverFrom)}: {PlainText.Safe(a.HandoverNote)}", Ansi.Yellow));
                }

                UpdatePrompt();
                break;
            case NoteReceived n:
                Terminal.WriteLine($"{Terminal.Paint($"[{PlainText.Time(n.WrittenAt)}]", Ansi.Dim)} {Tag(n.ConversationId)} " +
                    Terminal.Paint($"(note, not seen by the customer) {PlainText.Safe(n.AuthorName)}: {PlainText.Safe(n.Text)}", Ansi.Yellow));
                break;
            case MessageReceived m:
                Terminal.WriteLine(Line(m));
                break;
            case TypingReceived:
                break;
            case ConversationEnded e:
                _handles.Closed(e.ConversationId);
                Terminal.WriteLine(Terminal.Paint($"{Tag(e.ConversationId)} {Customer(e.ConversationId)}: {PlainText.EndedBy(e, "agent", "you")}.", Ansi.Yellow));
                UpdatePrompt();
                break;
            case ServerError e:
                var where = e.ConversationId is { } id ? $"{Tag(id)} " : string.Empty;
                Terminal.WriteLine(where + PlainText.Problem(Terminal, e.Code, e.Message));
                break;
            case Reconnecting or Reconnected or StreamClosed:
                PlainText.ShowConnection(Terminal, chatEvent);
                break;
        }
    }

    protected override InputCommand Read(string line) => Parse(line);

    /// <summary>The server sends ready again after every status or capacity change and every reconnect: the sign-in is
    /// told once, then only what changed.</summary>
    private void ShowReady(AgentReady ready)
    {
        var before = _ready;
        _ready = ready;
        if (before is null)
        {
            var status = ready.Status == AgentAvailability.Away ? Terminal.Paint("away", Ansi.Yellow) : Terminal.Paint("available", Ansi.Green);
            Terminal.WriteLine($"Signed in as {PlainText.Safe(ready.Name)} for {string.Join(", ", ready.Departments)}, capacity {ready.Capacity}, {status}. /help lists commands.");
            return;
        }

        if (ready.Capacity != before.Capacity)
        {
            Terminal.WriteLine($"You take up to {ready.Capacity} conversations at once.");
        }

        if (ready.Status != before.Status)
        {
            Terminal.WriteLine(ready.Status == AgentAvailability.Away
                ? Terminal.Paint("You are away: no new customers (your open conversations stay).", Ansi.Yellow)
                : Terminal.Paint("You are available for new customers.", Ansi.Green));
        }
    }

    private InputCommand ParseCore(string line)
    {
        var trimmed = line.Trim();
        if (trimmed is "/quit" or "qw!")
        {
            return new QuitInput();
        }

        if (trimmed.StartsWith('#'))
        {
            return Addressed(trimmed);
        }

        if (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return Slash(trimmed);
        }

        return _handles.Current is { } current
            ? new SendInput(current, trimmed.StartsWith("//", StringComparison.Ordinal) ? line.TrimStart()[1..] : line)
            : new InvalidInput("no open conversation yet; messages can be sent once a customer joins.");
    }

    private InputCommand Addressed(string trimmed)
    {
        var space = trimmed.IndexOf(' ');
        var handleText = space < 0 ? trimmed[1..] : trimmed[1..space];
        if (!TryConversation(handleText, out var conversation, out var problem))
        {
            return problem;
        }

        _handles.Select(conversation);
        UpdatePrompt();
        return space < 0 ? new NoInput() : new SendInput(conversation, trimmed[(space + 1)..]);
    }

    private InputCommand Slash(string trimmed)
    {
        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var args = words.Skip(1).ToList();
        string? target = _handles.Current;
        if (args.Count > 0 && args[0].StartsWith('#') && words[0] is "/end" or "/transfer" or "/reply" or "/handover" or "/note")
        {
            if (!TryConversation(args[0][1..], out var chosen, out var problem))
            {
                return problem;
            }

            target = chosen;
            args.RemoveAt(0);
        }

        switch (words[0])
        {
            case "/help":
                Terminal.WriteLine(Help);
                return new NoInput();
            case "/list":
                ShowList();
                return new NoInput();
            case "/canned":
                ShowCanned();
                return new NoInput();
            case "/reply" when target is null:
                return new InvalidInput("no open conversation to reply to.");
            case "/reply" when args.Count == 1:
                return Reply(target, args[0]);
            case "/reply":
                return new InvalidInput("usage: /reply [#N] SHORTCUT (/canned lists them)");
            case "/away":
                return new StatusInput(AgentAvailability.Away, null);
            case "/available":
                return new StatusInput(AgentAvailability.Available, null);
            case "/capacity" when args.Count == 1 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) && capacity >= 1:
                return new StatusInput(AgentAvailability.Available, capacity);
            case "/capacity":
                return new InvalidInput("usage: /capacity N, with N from 1 to 100.");
            case "/end" when target is null:
            case "/transfer" when target is null:
            case "/handover" when target is null:
            case "/note" when target is null:
                return new InvalidInput("no open conversation to act on.");
            case "/end" when args.Count == 0:
                return new EndInput(target);
            case "/transfer" when args.Count >= 1:
                return new TransferInput(target, args[0], string.Join(' ', args.Skip(1)));
            case "/handover" when args.Count >= 1:
                return new HandoverInput(target, args[0], string.Join(' ', args.Skip(1)));
            case "/handover":
                return new InvalidInput("usage: /handover [#N] NAME [note…]");
            case "/note" when args.Count >= 1:
                return new NoteInput(target, string.Join(' ', args));
            case "/note":
                return new InvalidInput("usage: /note [#N] text");
            case "/end":
                return new InvalidInput("usage: /end [#N]");
            case "/transfer":
                return new InvalidInput("usage: /transfer [#N] DEPARTMENT [note…]");
            default:
                return new InvalidInput($"unknown command {words[0]}; /help lists commands.");
        }
    }

    private bool TryConversation(string handleText, out string conversation, out InputCommand problem)
    {
        conversation = string.Empty;
        problem = new NoInput();
        if (!int.TryParse(handleText, NumberStyles.None, CultureInfo.InvariantCulture, out var handle) || _handles.ConversationOf(handle) is not { } id)
        {
            problem = new InvalidInput($"no conversation #{handleText}; /list shows yours.");
            return false;
        }

        if (!_handles.Open.Contains(id))
        {
            problem = new InvalidInput($"conversation #{handle} has ended.");
            return false;
        }

        conversation = id;
        return true;
    }

    private void ShowList()
    {
        if (_handles.Open.Count == 0)
        {
            Terminal.WriteLine("No open conversations.");
            return;
        }

        foreach (var id in _handles.Open.OrderBy(_handles.HandleOf))
        {
            var marker = id == _handles.Current ? " (current)" : string.Empty;
            Terminal.WriteLine($"{Tag(id)} {Customer(id)}{marker}");
        }
    }

    private void ShowCanned()
    {
        if (_canned.Count == 0)
        {
            Terminal.WriteLine("No canned replies yet (an admin adds them with 'supportchat canned add').");
            return;
        }

        foreach (var reply in _canned)
        {
            Terminal.WriteLine($"/{reply.Shortcut}  {PlainText.Safe(reply.Text.Replace("\n", "↵", StringComparison.Ordinal))}");
        }
    }

    /// <summary>Line mode has no input line to edit in: /reply sends the canned reply at once, filled in for the conversation.</summary>
    private InputCommand Reply(string conversation, string shortcut)
    {
        var reply = _canned.FirstOrDefault(r => string.Equals(r.Shortcut, shortcut.TrimStart('/'), StringComparison.Ordinal));
        return reply is null
            ? new InvalidInput($"there is no canned reply /{shortcut.TrimStart('/')}; /canned lists them.")
            : new SendInput(conversation, reply.Expand(_customerNames.GetValueOrDefault(conversation, "customer"), _ready?.Name ?? "{agent}"));
    }

    private void UpdatePrompt() =>
        Terminal.Prompt = _handles.Current is { } current ? $"#{_handles.HandleOf(current)} {Customer(current)}> " : "> ";

    private string Tag(string conversationId) => Terminal.Paint($"#{_handles.HandleOf(conversationId)}", Ansi.Bold);

    private string Customer(string conversationId) => _customers.GetValueOrDefault(conversationId, "customer");

    private string Line(MessageReceived m)
    {
        var time = Terminal.Paint($"[{PlainText.Time(m.SentAt)}]", Ansi.Dim);
        var tag = Tag(m.ConversationId);
        return m.From switch
        {
            SenderRole.System => $"{time} {tag} {Terminal.Paint("* " + PlainText.Safe(m.Text), Ansi.Magenta)}",
            _ when m.IsOwn => $"{time} {tag} {Terminal.Paint("You", Ansi.Bold)}: {PlainText.Safe(m.Text)}",
            _ => $"{time} {tag} {Terminal.Paint(PlainText.Safe(m.SenderName), Ansi.Cyan)}: {PlainText.Safe(m.Text)}",
        };
    }
}
