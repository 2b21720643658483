using SupportChat.Cli.Input;
using SupportChat.Cli.Screen.State;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen.Views;

/// <summary>
/// The customer's screen: the transcript, a status line saying what is happening, and the input line. Once the
/// conversation has ended, the input line asks for a rating instead (<paramref name="rated"/> gets the answer,
/// or null when the customer skips it).
/// </summary>
internal sealed class CustomerWindow : Window
{
    public const string Keys = "Enter send · F8 end the conversation · F1 help · F10 quit";
    public const string RatingPrompt = "How did we do? Type 1 (poor) to 5 (excellent) and an optional comment, then Enter (Esc: skip).";

    private const string HelpText = """
        Type your message and press Enter to send it.

          F8     end the conversation (you will be asked to rate it)
          F10    quit (the conversation ends)
          PgUp / PgDn   scroll the transcript

        The line above the input says what is happening: your place in line,
        who you are talking to, whether they are typing, or a lost connection.
        """;

    private readonly CustomerScreenState _state;
    private readonly Action<InputCommand> _commands;
    private readonly Action<RatingAnswer?> _rated;
    private readonly TranscriptPane _transcript;
    private readonly Label _phase;
    private readonly Label _notice;
    private readonly Label _keys;
    private int _shownLines = -1;
    private bool _rating;
    private DateTimeOffset _lastTyping;

    public CustomerWindow(CustomerScreenState state, Action<InputCommand> commands, Action<RatingAnswer?> rated)
    {
        _state = state;
        _commands = commands;
        _rated = rated;
        Title = "SupportChat";
        Width = Dim.Fill();
        Height = Dim.Fill();

        var frame = new FrameView { Title = "Conversation", X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(4) };
        _transcript = new TranscriptPane { Width = Dim.Fill(), Height = Dim.Fill() };
        frame.Add(_transcript);
        _notice = new Label { X = 0, Y = Pos.AnchorEnd(4), Width = Dim.Fill() };
        _phase = new Label { X = 0, Y = Pos.AnchorEnd(3), Width = Dim.Fill() };
        var prompt = new Label { X = 0, Y = Pos.AnchorEnd(2), Text = "> " };
        Input = new TextField { X = Pos.Right(prompt), Y = Pos.AnchorEnd(2), Width = Dim.Fill() };
        _keys = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Text = Keys };
        Add(frame, _notice, _phase, prompt, Input, _keys);

        Input.Accepting += (_, e) =>
        {
            e.Handled = true;
            Accept();
        };
        Input.TextChanged += (_, _) => Typing();
        KeyDown += (_, key) => key.Handled = OnKey(key);
        // Typing always goes to the input line: nothing else on this screen takes the focus.
        Initialized += (_, _) => Input.SetFocus();
        Refresh();
    }

    public TextField Input { get; }

    public void Refresh()
    {
        if (_state.Ended && !_rating)
        {
            _rating = true;
            Input.Text = string.Empty;
            _state.ShowNotice(RatingPrompt);
            _keys.Text = "Enter send the rating · Esc skip";
        }

        var lines = _state.Transcript.Lines;
        if (lines.Count != _shownLines)
        {
            _shownLines = lines.Count;
            _transcript.Show(lines);
        }

        _phase.Text = _state.StatusLine();
        _notice.Text = _state.Notice;
        SetNeedsDraw();
    }

    private bool OnKey(Key key)
    {
        if (_rating && key == Key.Esc)
        {
            _rated(null);
            return true;
        }

        if (key == Key.PageUp || key == Key.PageDown)
        {
            _transcript.ScrollPages(key == Key.PageUp ? -1 : 1);
            return true;
        }

        if (key == Key.F8 && !_state.Ended)
        {
            _commands(new EndInput(null));
            return true;
        }

        if (key == Key.F1)
        {
            _transcript.ShowText(HelpText);
            _shownLines = -1;
            return true;
        }

        if (key == Key.F10 || key == Key.Q.WithCtrl)
        {
            if (_rating)
            {
                _rated(null);
            }
            else
            {
                _commands(new QuitInput());
            }

            return true;
        }

        return false;
    }

    private void Accept()
    {
        var text = Input.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (!_rating)
        {
            _commands(new SendInput(null, text));
            Input.Text = string.Empty;
            return;
        }

        if (RatingAnswer.Parse(text) is { } answer)
        {
            _rated(answer);
        }
        else
        {
            _state.ShowNotice("Start with a number from 1 to 5, e.g. \"5 thanks!\". " + RatingPrompt);
            Refresh();
        }
    }

    private void Typing()
    {
        var now = DateTimeOffset.UtcNow;
        if (!_rating && Input.Text.Length > 0 && now - _lastTyping > TimeSpan.FromSeconds(3))
        {
            _lastTyping = now;
            _commands(new TypingInput(null));
        }
    }
}
