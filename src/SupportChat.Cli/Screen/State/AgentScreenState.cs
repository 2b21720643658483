using System.Globalization;
using SupportChat.Cli.Input;
using SupportChat.Client.Events;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Screen.State;

/// <summary>
/// Everything the agent's full-screen UI shows, kept from the session's events without any terminal: the open
/// conversations (in the order they arrived), which one is selected, unread counts, who is typing, the agent's
/// status and the last notice. The views only draw it.
/// </summary>
internal sealed class AgentScreenState(TimeProvider time)
{
    /// <summary>How long a typing notice shows without a new one (clients send one every few seconds while typing).</summary>
    public static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(5);

    /// <summary>The keys, in the order the bottom line shows them.</summary>
    public static readonly IReadOnlyList<KeyHint> Keys =
    [
        new("Enter send", "Enter send", 6),
        new("F2/F3 previous/next", "F2/F3 switch", 1),
        new("F5 available/away", "F5 away", 5),
        new("F6 transfer", "F6 transfer", 2),
        new("F8 end", "F8 end", 3),
        new("F1 help", "F1 help", 0),
        new("F10 quit", "F10 quit", 4),
    ];

    private readonly List<AgentConversation> _conversations = [];
    private readonly SortedSet<string> _departments = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _waiting = new(StringComparer.Ordinal);
    // Per department, how many of those waiting left messages while it was offline (shown apart from the live ones).
    private readonly Dictionary<string, int> _leftOffline = new(StringComparer.Ordinal);

    public string Name { get; private set; } = string.Empty;

    public AgentAvailability Status { get; private set; }

    public int Capacity { get; private set; }

    public IReadOnlyList<AgentConversation> Conversations => _conversations;

    /// <summary>Where a conversation may be transferred: the server's departments as its ready event listed them
    /// (an older server does not: then the agent's own and those of conversations it got).</summary>
    public IReadOnlyCollection<string> Departments => _departments;

    /// <summary>Set while the agent chooses a department to transfer the selected conversation to.</summary>
    public TransferPick? Picking { get; private set; }

    /// <summary>Customers waiting in each of the agent's departments, as the server last said.</summary>
    public IReadOnlyDictionary<string, int> Waiting => _waiting;

    public int SelectedIndex { get; private set; } = -1;

    /// <summary>The team's canned replies, as the server last sent them.</summary>
    public CannedBook Canned { get; } = new();

    public AgentConversation? Selected => SelectedIndex >= 0 && SelectedIndex < _conversations.Count ? _conversations[SelectedIndex] : null;

    /// <summary>The last thing the agent should know that is not a message (an error, a reconnect, an end).</summary>
    public string Notice { get; private set; } = "Waiting for customers. F1: help.";

    public bool Connected { get; private set; } = true;

    /// <summary>Takes in one event; true when the screen should be redrawn.</summary>
    public bool Apply(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case AgentReady r:
                Name = VisibleText.OneLine(r.Name);
                Status = r.Status;
                Capacity = r.Capacity;
                _departments.UnionWith(r.ServerDepartments.Count > 0 ? r.ServerDepartments : r.Departments);
                foreach (var gone in _waiting.Keys.Except(r.Departments).ToList())
                {
                    _waiting.Remove(gone);
                }

                Canned.Replace(r.CannedReplies);
                return true;
            case CannedRepliesChanged c:
                Canned.Replace(c.Replies);
                Notice = $"The canned replies changed: {c.Replies.Count} now (F4 lists them).";
                return true;
            case QueueLengthChanged q:
                _waiting[VisibleText.OneLine(q.Department)] = q.Waiting;
                _leftOffline[VisibleText.OneLine(q.Department)] = q.Offline;
                return true;
            case ConversationAssigned a:
                Assigned(a);
                return true;
            case MessageReceived m when Find(m.ConversationId) is { } c:
                if (c.Transcript.Add(m) && m.From == SenderRole.Customer && !m.IsOwn)
                {
                    c.TypingUntil = default;
                    if (c != Selected)
                    {
                        c.Unread++;
                    }
                }

                return true;
            case NoteReceived n when Find(n.ConversationId) is { } c:
                c.Transcript.AddNote(n.AfterSeq, n.WrittenAt, n.AuthorName, n.Text, "private note");
                return true;
            case TypingReceived t when Find(t.ConversationId) is { } c:
                c.TypingUntil = time.GetUtcNow() + TypingShownFor;
                return true;
            case ConversationEnded e when Find(e.ConversationId) is { } c:
                Remove(c);
                Notice = $"{c.CustomerName}: {Describe(e)}";
                return true;
            case ServerError e:
                if (e.ClientMsgId is { } refused && e.Code is not ("Unavailable" or "ResourceExhausted"))
                {
                    // Final for that send (a held one is sent again by the session): its line stays, marked.
                    _conversations.Find(c => c.Transcript.Failed(refused));
                }

                var where = e.ConversationId is { } id && Find(id) is { } about ? $"{about.CustomerName}: " : string.Empty;
                Notice = $"{where}{e.Code}: {VisibleText.OneLine(e.Message)}";
                return true;
            case Reconnecting r:
                Connected = false;
                Notice = $"Connection lost ({VisibleText.OneLine(r.Reason)}); reconnecting (attempt {r.Attempt})…";
                return true;
            case Reconnected:
                Connected = true;
                Notice = "Reconnected.";
                return true;
            case StreamClosed c:
                Connected = false;
                Notice = c.Code is "OK" or "Cancelled" ? "Signed off." : $"Disconnected: {VisibleText.OneLine(c.Message)}";
                return true;
            default:
                return false;
        }
    }

    public void ShowNotice(string notice) => Notice = VisibleText.OneLine(notice);

    /// <summary>A canned reply's text for the selected conversation: {customer} is its customer's name, {agent} this
    /// agent's; with no conversation selected {customer} stays as it is. The notice says what was put in.</summary>
    public (string Text, string Notice) Expand(Client.Canned.CannedReply reply)
    {
        var agent = Name.Length > 0 ? Name : "{agent}";
        return Selected is { } c
            ? (reply.Expand(c.CustomerName, agent), $"/{reply.Shortcut} for {c.CustomerName}: edit it, then Enter sends it.")
            : (reply.Expand("{customer}", agent), $"/{reply.Shortcut}: no conversation selected, so {{customer}} is left as it is.");
    }

    /// <summary>Starts choosing a department for the selected conversation (the first other one is chosen);
    /// false, with a notice saying why, when there is nothing to choose.</summary>
    public bool BeginTransfer()
    {
        if (Selected is not { } c)
        {
            ShowNotice("No open conversation to transfer.");
            return false;
        }

        var choices = _departments.Where(d => !string.Equals(d, c.Department, StringComparison.Ordinal)).ToList();
        if (choices.Count == 0)
        {
            ShowNotice($"There is no other department to transfer {c.CustomerName} to.");
            return false;
        }

        Picking = new TransferPick(c.Id, c.CustomerName, choices, 0);
        return true;
    }

    public void NextTransferChoice() => Picking = Picking?.Next();

    /// <summary>Ends the choice: the pick when confirmed (and its conversation is still open), otherwise null.</summary>
    public TransferPick? EndTransfer(bool confirm)
    {
        var pick = Picking;
        Picking = null;
        return confirm && pick is not null && Find(pick.ConversationId) is not null ? pick : null;
    }

    /// <summary>Moves the selection by <paramref name="step"/> (wrapping) and marks what is now shown as read.</summary>
    public void Move(int step)
    {
        if (_conversations.Count > 0)
        {
            Select(((SelectedIndex + step) % _conversations.Count + _conversations.Count) % _conversations.Count);
        }
    }

    public void Select(int index)
    {
        if (index < 0 || index >= _conversations.Count)
        {
            return;
        }

        SelectedIndex = index;
        Picking = null;
        var c = _conversations[index];
        c.Unread = 0;
        c.IsNew = false;
    }

    /// <summary>One line of the conversation list: flags, customer, department, how long ago, unread count.</summary>
    public string ListLine(AgentConversation c) => ListEntry(c, int.MaxValue);

    /// <summary>The list line in <paramref name="width"/> cells: the flags and the typing mark always show; the
    /// department goes first, then the time, then the customer's name is cut with an ellipsis.</summary>
    public string ListEntry(AgentConversation c, int width)
    {
        var marker = c == Selected ? "▶ " : "  ";
        var flag = (c.IsNew ? "NEW " : string.Empty) + (c.Unread > 0 ? $"({c.Unread}) " : string.Empty);
        var typing = c.IsTyping(time.GetUtcNow()) ? " ✎" : string.Empty;
        var ago = Ago(c.Since);
        foreach (var details in new[] { $" · {c.Department} · {ago}", $" · {ago}", string.Empty })
        {
            var line = $"{marker}{flag}{c.CustomerName}{details}{typing}";
            if (TextWrap.Width(line) <= width)
            {
                return line;
            }
        }

        var prefix = marker + flag;
        return prefix + LineFit.Elide(c.CustomerName, width - TextWrap.Width(prefix) - TextWrap.Width(typing)) + typing;
    }

    /// <summary>The bottom line in <paramref name="width"/> cells: the status, then as many key hints as fit.</summary>
    public string BottomLine(int width)
    {
        var status = StatusLine();
        var room = width - TextWrap.Width(status) - 3;
        return room < 7 ? LineFit.Elide(status, width) : $"{status} │ {LineFit.Hints(Keys, room)}";
    }

    /// <summary>The agent sent a message to a conversation: it shows there at once, marked as not sent yet.</summary>
    public void Sending(SendInput send)
    {
        if (send.Conversation is { } id && Find(id) is { } c)
        {
            c.Transcript.Sending(send, time.GetUtcNow());
        }
    }

    /// <summary>The session queued the send under its client_msg_id (which a refusal names).</summary>
    public void Queued(SendInput send, string clientMsgId) => _conversations.Find(c => c.Transcript.Queued(send, clientMsgId));

    /// <summary>The send failed before it reached the server; its line stays, marked, and the reason is the notice.</summary>
    public void SendFailed(SendInput send, string code, string message)
    {
        _conversations.Find(c => c.Transcript.Failed(send));
        Notice = $"Not sent ({code}): {VisibleText.OneLine(message)}";
    }

    /// <summary>The text of a failed send in the selected conversation, taken out of its transcript to go back to the
    /// empty input line (a send to another conversation stays marked in its own: the input line sends here).</summary>
    public string? TakeFailed() => Selected?.Transcript.TakeFailed();

    /// <summary>A conversation's transcript as shown, the agent's unacknowledged messages last.</summary>
    public IReadOnlyList<TranscriptLine> Shown(AgentConversation c) => c.Transcript.Shown(Name.Length > 0 ? Name : "You");

    /// <summary>The status bar: who, available or away, open/capacity, customers waiting per department, the connection.</summary>
    public string StatusLine()
    {
        var status = Status == AgentAvailability.Away ? "away" : "available";
        var connection = Connected ? string.Empty : " · offline";
        var waiting = _waiting.Count == 0 ? string.Empty
            : " · waiting: " + string.Join(", ", _waiting.Select(w => $"{w.Key} {w.Value.ToString(CultureInfo.InvariantCulture)}{OfflineNote(w.Key)}"));
        return $"{Name} · {status} · {_conversations.Count}/{Capacity} open{waiting}{connection}";
    }

    private string OfflineNote(string department) => _leftOffline.GetValueOrDefault(department) is > 0 and var n
        ? $" ({n.ToString(CultureInfo.InvariantCulture)} left {(n == 1 ? "a message" : "messages")} while offline)"
        : string.Empty;

    /// <summary>The line above the input: which conversation a send goes to, and whether the customer is typing.</summary>
    public string TargetLine() => Picking is { } pick ? pick.Line()
        : Selected is { } c
        ? $"To {c.CustomerName} ({c.Department}){(c.IsTyping(time.GetUtcNow()) ? $" · {c.CustomerName} is typing…" : string.Empty)}"
        : "No conversation selected.";

    public string Ago(DateTimeOffset since)
    {
        var elapsed = time.GetUtcNow() - since;
        return elapsed < TimeSpan.FromMinutes(1) ? $"{Math.Max(0, (int)elapsed.TotalSeconds)}s"
            : elapsed < TimeSpan.FromHours(1) ? $"{(int)elapsed.TotalMinutes}m"
            : $"{(int)elapsed.TotalHours}h{elapsed.Minutes:00}";
    }

    private void Assigned(ConversationAssigned a)
    {
        _departments.Add(a.Department);
        if (Find(a.ConversationId) is { } known)
        {
            known.Department = VisibleText.OneLine(a.Department);
            return;
        }

        var c = new AgentConversation(a.ConversationId, VisibleText.OneLine(a.CustomerName), VisibleText.OneLine(a.Department), time.GetUtcNow())
        {
            CustomerEmail = VisibleText.OneLine(a.CustomerEmail),
        };
        _conversations.Add(c);
        Notice = $"New conversation with {c.CustomerName} ({c.Department}).";
        if (a.HandoverNote.Length > 0)
        {
            // Issue 21: the handover note is the first thing in the conversation's view.
            c.Transcript.AddNote(0, time.GetUtcNow(), a.HandoverFrom, a.HandoverNote, "handover note");
            Notice = $"{c.CustomerName} handed over by {VisibleText.OneLine(a.HandoverFrom)}: read the note first.";
        }
        if (_conversations.Count == 1)
        {
            Select(0);
        }
    }

    private void Remove(AgentConversation c)
    {
        var index = _conversations.IndexOf(c);
        _conversations.RemoveAt(index);
        if (Picking?.ConversationId == c.Id)
        {
            Picking = null;
        }

        if (_conversations.Count == 0)
        {
            SelectedIndex = -1;
        }
        else if (index < SelectedIndex || SelectedIndex >= _conversations.Count)
        {
            SelectedIndex = Math.Max(0, SelectedIndex - 1);
        }

        if (Selected is { } now)
        {
            now.Unread = 0;
            now.IsNew = false;
        }
    }

    private AgentConversation? Find(string conversationId) => _conversations.Find(c => c.Id == conversationId);

    private static string Describe(ConversationEnded e) => e.By switch
    {
        EndedBy.Customer => "the customer ended the conversation.",
        // The server ends a conversation for the agent who transferred it away, with the reason "transferred to D".
        EndedBy.Agent when e.Reason.StartsWith("transferred ", StringComparison.Ordinal) =>
            $"you transferred it {VisibleText.OneLine(e.Reason["transferred ".Length..])}.",
        EndedBy.Agent => "you ended the conversation.",
        _ => $"the conversation is closed ({VisibleText.OneLine(e.Reason)}).",
    } + string.Create(CultureInfo.InvariantCulture, $" ({e.LastSeq} messages)");
}
