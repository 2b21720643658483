using SupportChat.Cli.Input;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen.Views;

/// <summary>
/// What the agent's and the customer's screens share: a transcript pane (placed by each screen) and, under it, a
/// notice line, a line about the conversation, the input line (which always has the focus) and a bottom line.
/// Enter hands a non-blank input line to <see cref="Accept"/>; PgUp/PgDn scroll the transcript; typing in the
/// input line sends a typing notice at most every few seconds.
/// </summary>
internal abstract class ChatWindow : Window
{
    /// <summary>Rows the lines under the transcript take: a screen's transcript area is <c>Dim.Fill(LinesBelow)</c> high.</summary>
    protected const int LinesBelow = 4;

    private static readonly TimeSpan TypingEvery = TimeSpan.FromSeconds(3);
    private DateTimeOffset _lastTyping;

    protected ChatWindow(string title, Action<InputCommand> commands)
    {
        Commands = commands;
        Title = title;
        Width = Dim.Fill();
        Height = Dim.Fill();
        Transcript = new TranscriptPane { Width = Dim.Fill(), Height = Dim.Fill() };
        NoticeLine = new Label { X = 0, Y = Pos.AnchorEnd(4), Width = Dim.Fill() };
        ContextLine = new Label { X = 0, Y = Pos.AnchorEnd(3), Width = Dim.Fill() };
        var prompt = new Label { X = 0, Y = Pos.AnchorEnd(2), Text = "> " };
        Input = new TextField { X = Pos.Right(prompt), Y = Pos.AnchorEnd(2), Width = Dim.Fill() };
        BottomLine = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill() };
        Add(NoticeLine, ContextLine, prompt, Input, BottomLine);

        Input.Accepting += (_, e) =>
        {
            e.Handled = true;
            if (!string.IsNullOrWhiteSpace(Input.Text))
            {
                Accept(Input.Text);
            }
            else
            {
                AcceptBlank();
            }
        };
        Input.TextChanged += (_, _) => Typing();
        KeyDown += (_, key) => key.Handled = HandleKey(key);
        // Typing always goes to the input line: nothing else on these screens takes the focus.
        Initialized += (_, _) => Input.SetFocus();
    }

    public TextField Input { get; }

    protected Action<InputCommand> Commands { get; }

    protected TranscriptPane Transcript { get; }

    protected Label NoticeLine { get; }

    protected Label ContextLine { get; }

    protected Label BottomLine { get; }

    /// <summary>Redraws everything from the screen's state (on the screen's thread).</summary>
    public abstract void Refresh();

    /// <summary>The user pressed Enter on a non-blank input line.</summary>
    protected abstract void Accept(string text);

    /// <summary>The user pressed Enter on a blank input line: nothing to send, but a choice may be waiting for it.</summary>
    protected virtual void AcceptBlank()
    {
    }

    /// <summary>A key the input line did not take; true when the screen handled it.</summary>
    protected abstract bool OnKey(Key key);

    /// <summary>The typing notice to send for what is being typed now, or null when there is nobody to tell.</summary>
    protected abstract InputCommand? TypingNotice();

    private bool HandleKey(Key key)
    {
        if (key == Key.PageUp || key == Key.PageDown)
        {
            Transcript.ScrollPages(key == Key.PageUp ? -1 : 1);
            return true;
        }

        return OnKey(key);
    }

    private void Typing()
    {
        var now = DateTimeOffset.UtcNow;
        if (Input.Text.Length > 0 && now - _lastTyping > TypingEvery && TypingNotice() is { } notice)
        {
            _lastTyping = now;
            Commands(notice);
        }
    }
}
