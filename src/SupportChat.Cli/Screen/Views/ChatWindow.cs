using System.Globalization;
using SupportChat.Cli.Input;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen.Views;

/// <summary>
/// What the agent's and the customer's screens share: a transcript pane (placed by each screen) and, under it, a
/// notice line, a line about the conversation, the input line (which always has the focus) and a bottom line.
/// Enter hands a non-blank input line to <see cref="Accept"/>; PgUp/PgDn scroll the transcript; typing in the
/// input line sends a typing notice at most every few seconds; Ctrl+C does what F10 does.
/// </summary>
internal abstract class ChatWindow : Window
{
    /// <summary>Rows the lines under the transcript take: a screen's transcript area is <c>Dim.Fill(LinesBelow)</c> high.</summary>
    protected const int LinesBelow = 4;

    private static readonly TimeSpan TypingEvery = TimeSpan.FromSeconds(3);
    private DateTimeOffset _lastTyping;
    private int _reportedLeftOut;

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
        Input = new InputLine { X = Pos.Right(prompt), Y = Pos.AnchorEnd(2), Width = Dim.Fill() };
        BottomLine = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill() };
        Add(NoticeLine, ContextLine, prompt, Input, BottomLine);

        Input.Submitted += () =>
        {
            if (!string.IsNullOrWhiteSpace(Input.Text))
            {
                Accept(Input.Text);
            }
            else
            {
                AcceptBlank();
            }
        };
        Input.Changed += () =>
        {
            Typing();
            ReportLeftOut();
        };
        KeyDown += (_, key) => key.Handled = HandleKey(key);
        // The bottom line's hints are fitted to its width, which is known once the screen is laid out (and changes
        // when the terminal is resized).
        BottomLine.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Width != e.OldViewport.Width)
            {
                Refresh();
            }
        };
        // Typing always goes to the input line: nothing else on these screens takes the focus.
        Initialized += (_, _) => Input.SetFocus();
    }

    public InputLine Input { get; }

    protected Action<InputCommand> Commands { get; }

    protected TranscriptPane Transcript { get; }

    protected Label NoticeLine { get; }

    protected Label ContextLine { get; }

    protected Label BottomLine { get; }

    /// <summary>Width of the lines under the transcript (a guess until the screen is laid out): what they say is fitted
    /// to it, cut with an ellipsis rather than mid-word at the border.</summary>
    protected int BottomWidth => BottomLine.Viewport.Width > 0 ? BottomLine.Viewport.Width : 80;

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

    /// <summary>Shows a notice at once, without redrawing the rest.</summary>
    protected abstract void Notify(string notice);

    /// <summary>Gives a failed send's text back to the input line when that is empty (none is ever lost: one that cannot
    /// go back stays in the transcript, marked as not sent).</summary>
    protected void RestoreFailed(Func<string?> takeFailed)
    {
        if (Input.Buffer.Length == 0 && takeFailed() is { } text)
        {
            Input.Text = text;
        }
    }

    private bool HandleKey(Key key)
    {
        if (key == Key.PageUp || key == Key.PageDown)
        {
            Transcript.ScrollPages(key == Key.PageUp ? -1 : 1);
            return true;
        }

        // In raw mode Ctrl+C is a key, not a signal: it leaves as F10 does, as docs/reliability.md says. Esc is the
        // toolkit's quit key; here it closes help or cancels a choice, and is never taken for leaving the chat.
        return OnKey(key == Key.C.WithCtrl ? Key.F10 : key) || key == Key.Esc;
    }

    private void Typing()
    {
        var now = DateTimeOffset.UtcNow;
        if (Input.Buffer.Length > 0 && now - _lastTyping > TypingEvery && TypingNotice() is { } notice)
        {
            _lastTyping = now;
            Commands(notice);
        }
    }

    /// <summary>Says that a paste did not fit. A paste without brackets arrives key by key, and a notice per key cost
    /// more than the key: the first overflow is said at once, the growing count with the next redraw.</summary>
    private void ReportLeftOut()
    {
        if (Input.Buffer.LeftOut == 0)
        {
            _reportedLeftOut = 0;
        }
        else if (_reportedLeftOut == 0)
        {
            ReportLeftOutNow();
        }
    }

    /// <summary>Brings the notice of what did not fit up to date (each screen's <see cref="Refresh"/> calls it).</summary>
    protected void ReportLeftOutNow()
    {
        var leftOut = Input.Buffer.LeftOut;
        if (leftOut == _reportedLeftOut)
        {
            return;
        }

        _reportedLeftOut = leftOut;
        if (leftOut > 0)
        {
            Notify(string.Create(CultureInfo.InvariantCulture,
                $"A message holds at most {Input.Buffer.Limit} characters: the {leftOut} characters after that were left out."));
        }
    }
}
