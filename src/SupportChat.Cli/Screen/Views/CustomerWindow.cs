using SupportChat.Cli.Input;
using SupportChat.Cli.Screen.State;
using SupportChat.Client.Text;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen.Views;

/// <summary>
/// The customer's screen: the transcript, a status line saying what is happening, and the input line. Once the
/// conversation has ended, the input line asks for a rating instead (<paramref name="rated"/> gets the answer,
/// or null when the customer skips it).
/// </summary>
internal sealed class CustomerWindow : ChatWindow
{
    /// <summary>The keys, in the order the bottom line shows them.</summary>
    public static readonly IReadOnlyList<KeyHint> Keys =
    [
        new("Enter send", "Enter send", 3),
        new("F8 end the conversation", "F8 end", 1),
        new("F1 help", "F1 help", 0),
        new("F10 quit", "F10 quit", 2),
    ];

    // Short enough for an 80-column terminal; the bottom line says that Esc skips.
    public const string RatingPrompt = "How did we do? Type 1 (poor) to 5 (great), a comment if you like, then Enter.";

    private static readonly string HelpText = $$"""
        Type your message and press Enter to send it.

          F8            end the conversation (you will be asked to rate it)
          F10, Ctrl+C   quit (the conversation ends)
          PgUp / PgDn   scroll the transcript
          F1 / Esc      close this help

        In the input line: ←/→, Home/End, Ctrl+←/→ by word, Ctrl+U deletes to the start.
        A message holds at most {{MessageText.MaxLength}} characters; the counter at the right shows how many
        once it is longer than the line. A message shows at once, marked "not sent yet"
        until the server has it (while the connection is lost, it waits and goes out
        when it is back); one that cannot be sent comes back to the input line.

        The line above the input says what is happening: your place in line,
        who you are talking to, whether they are typing, or a lost connection.
        """;

    private readonly CustomerScreenState _state;
    private readonly Action<RatingAnswer?> _rated;
    private int _shownVersion = -1;
    private bool _rating;

    public CustomerWindow(CustomerScreenState state, Action<InputCommand> commands, Action<RatingAnswer?> rated)
        : base("SupportChat", commands)
    {
        _state = state;
        _rated = rated;
        var frame = new FrameView { Title = "Conversation", X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(LinesBelow) };
        frame.Add(Transcript);
        Add(frame);
        Refresh();
    }

    public override void Refresh()
    {
        ReportLeftOutNow();
        if (_state.Ended && !_rating)
        {
            _rating = true;
            if (!string.IsNullOrWhiteSpace(Input.Text))
            {
                _state.KeepUnsent(Input.Text);
            }

            Input.Text = string.Empty;
            _state.ShowNotice(RatingPrompt);
        }

        if (!_rating)
        {
            RestoreFailed(_state.Transcript.TakeFailed);
        }

        // Help stays until the transcript changes or F1/Esc closes it.
        if (_state.Transcript.Version != _shownVersion)
        {
            _shownVersion = _state.Transcript.Version;
            Transcript.Show(_state.Shown);
        }

        ContextLine.Text = LineFit.Elide(_state.StatusLine(), BottomWidth);
        NoticeLine.Text = LineFit.Elide(_state.Notice, BottomWidth);
        BottomLine.Text = _rating ? LineFit.Elide("Enter send the rating · Esc skip", BottomWidth) : LineFit.Hints(Keys, BottomWidth);
        SetNeedsDraw();
    }

    protected override bool OnKey(Key key)
    {
        if (_rating && key == Key.Esc)
        {
            _rated(null);
            return true;
        }

        if (key == Key.F8 && !_state.Ended)
        {
            Commands(new EndInput(null));
            return true;
        }

        if ((key == Key.F1 || key == Key.Esc) && Transcript.ShowingText)
        {
            _shownVersion = -1; // the transcript again
            Refresh();
            return true;
        }

        if (key == Key.F1)
        {
            Transcript.ShowText(HelpText);
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
                Commands(new QuitInput());
            }

            return true;
        }

        return false;
    }

    protected override void Accept(string text)
    {
        if (!_rating)
        {
            var send = new SendInput(null, text);
            _state.Sending(send);
            Commands(send);
            Input.Text = string.Empty;
            Refresh();
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

    protected override void Notify(string notice)
    {
        _state.ShowNotice(notice);
        NoticeLine.Text = LineFit.Elide(_state.Notice, BottomWidth);
    }

    /// <summary>Tells the agent the customer is typing (not while the input line asks for a rating).</summary>
    protected override InputCommand? TypingNotice() => _rating ? null : new TypingInput(null);
}
