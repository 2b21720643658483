using System.Collections.ObjectModel;
using SupportChat.Cli.Input;
using SupportChat.Cli.Screen.State;
using SupportChat.Client.Events;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen.Views;

/// <summary>
/// The agent's screen: open conversations on the left, the selected one's transcript on the right, the input
/// line under it (it sends to the selected conversation), and a status line. Draws <see cref="AgentScreenState"/>;
/// what the agent asks for goes out through <paramref name="commands"/>.
/// </summary>
internal sealed class AgentWindow : Window
{
    public const string Keys = "Enter send · F2/F3 previous/next · F5 available/away · F6 transfer · F8 end · F1 help · F10 quit";

    private const string HelpText = """
        Type a message and press Enter: it goes to the conversation selected on the left.

          F2 / F3       previous / next conversation (Ctrl+Up / Ctrl+Down too)
          F5            toggle available / away (away: no new customers, open ones stay)
          F6 DEPT       transfer: type the department in the input line, then press F6
          F8            end the selected conversation
          PgUp / PgDn   scroll the transcript
          F10           sign off (open conversations go back to the queue)

        NEW marks a conversation you have not looked at yet; (N) counts unread messages;
        ✎ shows that the customer is typing.
        """;

    private readonly AgentScreenState _state;
    private readonly Action<InputCommand> _commands;
    private readonly ObservableCollection<string> _items = [];
    private readonly ListView _list;
    private readonly TranscriptPane _transcript;
    private readonly FrameView _transcriptFrame;
    private readonly Label _target;
    private readonly Label _status;
    private readonly Label _notice;
    private string? _shownConversation;
    private int _shownLines = -1;
    private DateTimeOffset _lastTyping;

    public AgentWindow(AgentScreenState state, Action<InputCommand> commands)
    {
        _state = state;
        _commands = commands;
        Title = "SupportChat · agent";
        Width = Dim.Fill();
        Height = Dim.Fill();

        var listFrame = new FrameView { Title = "Conversations", X = 0, Y = 0, Width = Dim.Percent(30), Height = Dim.Fill(4) };
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = false };
        _list.SetSource(_items);
        listFrame.Add(_list);

        _transcriptFrame = new FrameView { Title = "Transcript", X = Pos.Right(listFrame), Y = 0, Width = Dim.Fill(), Height = Dim.Fill(4) };
        _transcript = new TranscriptPane { Width = Dim.Fill(), Height = Dim.Fill() };
        _transcriptFrame.Add(_transcript);

        _notice = new Label { X = 0, Y = Pos.AnchorEnd(4), Width = Dim.Fill() };
        _target = new Label { X = 0, Y = Pos.AnchorEnd(3), Width = Dim.Fill() };
        var prompt = new Label { X = 0, Y = Pos.AnchorEnd(2), Text = "> " };
        Input = new TextField { X = Pos.Right(prompt), Y = Pos.AnchorEnd(2), Width = Dim.Fill() };
        _status = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill() };
        Add(listFrame, _transcriptFrame, _notice, _target, prompt, Input, _status);

        Input.Accepting += (_, e) =>
        {
            e.Handled = true;
            Send();
        };
        Input.TextChanged += (_, _) => Typing();
        KeyDown += (_, key) => key.Handled = OnKey(key);
        // Typing always goes to the input line: nothing else on this screen takes the focus.
        Initialized += (_, _) => Input.SetFocus();
        Refresh();
    }

    public TextField Input { get; }

    /// <summary>Redraws everything from the state (on the UI thread).</summary>
    public void Refresh()
    {
        var lines = _state.Conversations.Select(_state.ListLine).ToList();
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

        var selected = _state.Selected;
        _transcriptFrame.Title = selected is null ? "Transcript" : $"{selected.CustomerName} · {selected.Department} · {selected.Id}";
        var count = selected?.Transcript.Lines.Count ?? 0;
        if (selected?.Id != _shownConversation || count != _shownLines)
        {
            _shownConversation = selected?.Id;
            _shownLines = count;
            _transcript.Show(selected?.Transcript.Lines ?? []);
        }

        _target.Text = _state.TargetLine();
        _notice.Text = _state.Notice;
        _status.Text = $"{_state.StatusLine()} │ {Keys}";
        SetNeedsDraw();
    }

    private bool OnKey(Key key)
    {
        if (key == Key.PageUp || key == Key.PageDown)
        {
            _transcript.ScrollPages(key == Key.PageUp ? -1 : 1);
            return true;
        }

        if (key == Key.F2 || key == Key.CursorUp.WithCtrl)
        {
            _state.Move(-1);
        }
        else if (key == Key.F3 || key == Key.CursorDown.WithCtrl)
        {
            _state.Move(1);
        }
        else if (key == Key.F5)
        {
            _commands(new StatusInput(_state.Status == AgentAvailability.Away ? AgentAvailability.Available : AgentAvailability.Away, null));
        }
        else if (key == Key.F6)
        {
            Transfer();
        }
        else if (key == Key.F8)
        {
            if (_state.Selected is { } c)
            {
                _commands(new EndInput(c.Id));
            }
        }
        else if (key == Key.F1)
        {
            _state.ShowNotice("Help is in the transcript pane; F2/F3 or any message brings the conversation back.");
            Refresh();
            _transcript.ShowText(HelpText);
            _shownLines = -1;
            return true;
        }
        else if (key == Key.F10 || key == Key.Q.WithCtrl)
        {
            _commands(new QuitInput());
        }
        else
        {
            return false;
        }

        Refresh();
        return true;
    }

    private void Send()
    {
        var text = Input.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (_state.Selected is not { } c)
        {
            _state.ShowNotice("No open conversation to send to yet.");
            Refresh();
            return;
        }

        _commands(new SendInput(c.Id, text));
        Input.Text = string.Empty;
    }

    private void Transfer()
    {
        var department = Input.Text.Trim();
        if (_state.Selected is not { } c)
        {
            _state.ShowNotice("No open conversation to transfer.");
        }
        else if (department.Length == 0)
        {
            _state.ShowNotice($"Type the department to transfer {c.CustomerName} to in the input line, then press F6. Known: {string.Join(", ", _state.Departments)}.");
        }
        else
        {
            _commands(new TransferInput(c.Id, department));
            Input.Text = string.Empty;
        }
    }

    /// <summary>Tells the customer the agent is typing, at most every few seconds.</summary>
    private void Typing()
    {
        var now = DateTimeOffset.UtcNow;
        if (_state.Selected is { } c && Input.Text.Length > 0 && now - _lastTyping > TimeSpan.FromSeconds(3))
        {
            _lastTyping = now;
            _commands(new TypingInput(c.Id));
        }
    }
}
