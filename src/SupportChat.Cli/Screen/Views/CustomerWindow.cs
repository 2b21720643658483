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
internal sealed class CustomerWindow : ChatWindow
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
    private readonly Action<RatingAnswer?> _rated;
    private int _shownLines = -1;
    private bool _rating;

    public CustomerWindow(CustomerScreenState state, Action<InputCommand> commands, Action<RatingAnswer?> rated)
        : base("SupportChat", commands)
    {
        _state = state;
        _rated = rated;
        var frame = new FrameView { Title = "Conversation", X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(LinesBelow) };
        frame.Add(Transcript);
        Add(frame);
        BottomLine.Text = Keys;
        Refresh();
    }

    public override void Refresh()
    {
        if (_state.Ended && !_rating)
        {
            _rating = true;
            Input.Text = string.Empty;
            _state.ShowNotice(RatingPrompt);
            BottomLine.Text = "Enter send the rating · Esc skip";
        }

        var lines = _state.Transcript.Lines;
        if (lines.Count != _shownLines)
        {
            _shownLines = lines.Count;
            Transcript.Show(lines);
        }

        ContextLine.Text = _state.StatusLine();
        NoticeLine.Text = _state.Notice;
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

        if (key == Key.F1)
        {
            Transcript.ShowText(HelpText);
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
            Commands(new SendInput(null, text));
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

    /// <summary>Tells the agent the customer is typing (not while the input line asks for a rating).</summary>
    protected override InputCommand? TypingNotice() => _rating ? null : new TypingInput(null);
}
