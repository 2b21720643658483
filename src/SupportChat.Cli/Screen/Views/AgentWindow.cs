using System.Collections.ObjectModel;
using SupportChat.Cli.Input;
using SupportChat.Cli.Screen.State;
using SupportChat.Client.Events;
using SupportChat.Client.Text;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen.Views;

/// <summary>
/// The agent's screen: open conversations on the left, the selected one's transcript on the right, the input
/// line under it (it sends to the selected conversation), and a status line. Draws <see cref="AgentScreenState"/>;
/// what the agent asks for goes out through <paramref name="commands"/>.
/// </summary>
internal sealed class AgentWindow : ChatWindow
{
    private static readonly string HelpText = $$"""
        Enter sends the input line to the conversation selected on the left.   (PgDn: more of this help)

          F2 / F3       previous / next conversation (Ctrl+Up / Ctrl+Down too)
          F5            toggle available / away (away: no new customers, open ones stay)
          F6            transfer: F6 again picks the next department, Enter transfers, Esc cancels
                        (or type the department in the input line, then press F6)
          F8            end the selected conversation
          F4            canned replies: type to filter, ↑/↓, Enter puts one in the input line
          /hello Tab    puts the canned reply "hello" in the input line, for the customer in view
          PgUp / PgDn   scroll the transcript
          F10, Ctrl+C   sign off (open conversations go back to the queue)
          F1 / Esc      close this help

          /note text               a private note: other agents see it, the customer never does
          /handover NAME [note…]   to a signed-in colleague (id or one-word name), who reads the note first
          /transfer DEPT [note…]   to another department's queue, with a note for the next agent
          (start a message with // to send text that begins with one of these words)

        In the input line: ←/→, Home/End, Ctrl+←/→ by word, Ctrl+U deletes to the start.
        A message holds at most {{MessageText.MaxLength}} characters; the counter at the right shows how many
        once it is longer than the line. A message shows at once, marked "not sent yet"
        until the server has it; one that cannot be sent comes back to the input line.

        NEW marks a conversation you have not looked at yet; (N) counts unread messages;
        ✎ shows that the customer is typing.
        """;

    private readonly AgentScreenState _state;
    private readonly ObservableCollection<string> _items = [];
    private readonly ListView _list;
    private readonly FrameView _transcriptFrame;
    private readonly CannedReplyKeys _canned;
    private string? _shownConversation;
    private int _shownVersion = -1;

    public AgentWindow(AgentScreenState state, Action<InputCommand> commands)
        : base("SupportChat · agent", commands)
    {
        _state = state;
        var listFrame = new FrameView { Title = "Conversations", X = 0, Y = 0, Width = Dim.Percent(30), Height = Dim.Fill(LinesBelow) };
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = false };
        _list.SetSource(_items);
        // Entries are fitted to the list's width: again whenever the terminal is resized.
        _list.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Width != e.OldViewport.Width)
            {
                Refresh();
            }
        };
        listFrame.Add(_list);

        _transcriptFrame = new FrameView { Title = "Transcript", X = Pos.Right(listFrame), Y = 0, Width = Dim.Fill(), Height = Dim.Fill(LinesBelow) };
        _transcriptFrame.Add(Transcript);
        Add(listFrame, _transcriptFrame);
        _canned = new CannedReplyKeys(state, Input);
        Input.Changed += () =>
        {
            if (_canned.Picking is not null)
            {
                _canned.Filter();
                Refresh();
            }
        };
        Refresh();
    }

    public override void Refresh()
    {
        ReportLeftOutNow();
        var width = _list.Viewport.Width > 0 ? _list.Viewport.Width : int.MaxValue;
        var lines = _state.Conversations.Select(c => _state.ListEntry(c, width)).ToList();
        if (!lines.SequenceEqual(_items))
        {
            _items.Clear();
            foreach (var line in lines)
            {
                _items.Add(line);
            }
        }

        if (_state.SelectedIndex >= 0 && _list.SelectedItem != _state.SelectedIndex)
        {
            _list.SelectedItem = _state.SelectedIndex;
        }

        RestoreFailed(_state.TakeFailed);
        var selected = _state.Selected;
        _transcriptFrame.Title = selected is null ? "Transcript"
            : selected.CustomerEmail.Length == 0 ? $"{selected.CustomerName} · {selected.Department} · {selected.Id}"
            : $"{selected.CustomerName} <{selected.CustomerEmail}> · {selected.Department} · {selected.Id}";
        var version = selected?.Transcript.Version ?? 0;
        // Help stays until the conversation shown changes (a message, another selection) or F1/Esc closes it.
        if (_canned.Picking is { } pick)
        {
            Transcript.ShowText(pick.Text());
            _shownVersion = -1; // the transcript again once the choice is over
        }
        else if (selected?.Id != _shownConversation || version != _shownVersion)
        {
            _shownConversation = selected?.Id;
            _shownVersion = version;
            Transcript.Show(selected is null ? [] : _state.Shown(selected));
        }

        ContextLine.Text = LineFit.Elide(_canned.Picking is null ? _state.TargetLine() : CannedPick.Line, BottomWidth);
        NoticeLine.Text = LineFit.Elide(_state.Notice, BottomWidth);
        BottomLine.Text = _state.BottomLine(BottomWidth);
        SetNeedsDraw();
    }

    protected override bool OnKey(Key key)
    {
        if (_canned.Picking is not null && (key == Key.CursorUp || key == Key.CursorDown))
        {
            _canned.Move(key == Key.CursorUp ? -1 : 1);
        }
        else if (_canned.Picking is not null && (key == Key.Esc || key == Key.F4))
        {
            _canned.Cancel();
        }
        else if (key == Key.Tab)
        {
            _canned.Expand();
        }
        else if (key == Key.F4)
        {
            _canned.Begin();
        }
        else if (key == Key.F2 || key == Key.CursorUp.WithCtrl)
        {
            _state.Move(-1);
        }
        else if (key == Key.F3 || key == Key.CursorDown.WithCtrl)
        {
            _state.Move(1);
        }
        else if (key == Key.F5)
        {
            Commands(new StatusInput(_state.Status == AgentAvailability.Away ? AgentAvailability.Available : AgentAvailability.Away, null));
        }
        else if (key == Key.F6)
        {
            Transfer();
        }
        else if (key == Key.Esc && _state.Picking is not null)
        {
            _state.EndTransfer(confirm: false);
            _state.ShowNotice("Transfer cancelled.");
        }
        else if (key == Key.F8)
        {
            if (_state.Selected is { } c)
            {
                Commands(new EndInput(c.Id));
            }
        }
        else if ((key == Key.F1 || key == Key.Esc) && Transcript.ShowingText)
        {
            _shownVersion = -1; // the transcript again
        }
        else if (key == Key.F1)
        {
            _state.ShowNotice("Help is in the transcript pane; F1 or Esc closes it.");
            Refresh();
            Transcript.ShowText(HelpText);
            return true;
        }
        else if (key == Key.F10 || key == Key.Q.WithCtrl)
        {
            Commands(new QuitInput());
        }
        else
        {
            return false;
        }

        Refresh();
        return true;
    }

    protected override void Accept(string text)
    {
        if (_canned.Picking is not null)
        {
            _canned.Choose();
            Refresh();
            return;
        }

        if (_state.Selected is not { } c)
        {
            _state.ShowNotice("No open conversation to send to yet.");
            Refresh();
            return;
        }

        _state.EndTransfer(confirm: false);
        if (AgentSlashCommand.Parse(c.Id, text) is { } command)
        {
            // Issue 21: /note, /handover, /transfer act on the selected conversation; nothing is sent as a message.
            if (command is InvalidInput invalid)
            {
                _state.ShowNotice(invalid.Message);
            }
            else
            {
                Commands(command);
                Input.Text = string.Empty;
            }

            Refresh();
            return;
        }

        var send = new SendInput(c.Id, AgentSlashCommand.Unescape(text));
        _state.Sending(send);
        Commands(send);
        Input.Text = string.Empty;
        Refresh();
    }

    /// <summary>F6: with a department typed in the input line, transfers there at once; otherwise starts choosing
    /// one, or moves to the next choice.</summary>
    private void Transfer()
    {
        var typed = Input.Text.Trim();
        if (typed.Length > 0 && _state.Selected is { } c)
        {
            _state.EndTransfer(confirm: false);
            Commands(new TransferInput(c.Id, typed));
            Input.Text = string.Empty;
        }
        else if (_state.Picking is null)
        {
            _state.BeginTransfer();
        }
        else
        {
            _state.NextTransferChoice();
        }
    }

    protected override void AcceptBlank()
    {
        if (_canned.Picking is not null)
        {
            _canned.Choose();
            Refresh();
            return;
        }

        if (_state.EndTransfer(confirm: true) is { } pick)
        {
            Commands(new TransferInput(pick.ConversationId, pick.Choice));
            Refresh();
        }
    }

    protected override void Notify(string notice)
    {
        _state.ShowNotice(notice);
        NoticeLine.Text = LineFit.Elide(_state.Notice, BottomWidth);
    }

    /// <summary>Tells the customer of the selected conversation that the agent is typing.</summary>
    protected override InputCommand? TypingNotice() => _canned.Picking is null && _state.Selected is { } c ? new TypingInput(c.Id) : null;
}
