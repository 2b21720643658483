using System.Drawing;
using System.Text;
using SupportChat.Cli.Screen.State;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace SupportChat.Cli.Screen.Views;

/// <summary>
/// The one-line input under the transcript, on an <see cref="InputBuffer"/> that stops at the message limit: typing and
/// pasting cost what they insert, however much arrives (TextField's cost grew with the square of the text). Shows the
/// part around the caret, line breaks as ↵, and a counter ("3980/4000") once the text is wider than the line. Keys it
/// does not edit with (function keys, Ctrl+C, PgUp…) go on to the window.
/// </summary>
internal sealed class InputLine : View
{
    private int _scroll;

    public InputLine()
    {
        CanFocus = true;
        Height = 1;
    }

    /// <summary>Enter was pressed.</summary>
    public event Action? Submitted;

    /// <summary>The text changed, or more of what was typed or pasted did not fit.</summary>
    public event Action? Changed;

    public InputBuffer Buffer { get; } = new();

    /// <summary>The text (View's own Text, which the toolkit would draw, stays empty).</summary>
    public new string Text
    {
        get => Buffer.Text;
        set
        {
            if (value != Buffer.Text)
            {
                Buffer.Text = value;
                Edited(changed: true, leftOut: false);
            }
        }
    }

    protected override bool OnKeyDown(Key key)
    {
        if (key == Key.Enter)
        {
            Submitted?.Invoke();
            return true;
        }

        var before = Buffer.LeftOut;
        bool? changed = key == Key.Backspace ? Buffer.Backspace()
            : key == Key.Delete || key == Key.DeleteChar ? Buffer.Delete()
            : key == Key.U.WithCtrl ? Buffer.DeleteToStart()
            : null;
        if (changed is null && Moved(key) is { } moved)
        {
            if (moved)
            {
                SetNeedsDraw();
            }

            return true;
        }

        if (changed is null && Typed(key) is { } rune)
        {
            changed = Buffer.Insert(rune.ToString());
        }

        if (changed is null)
        {
            return false;
        }

        Edited(changed.Value, Buffer.LeftOut != before);
        return true;
    }

    /// <summary>A bracketed paste: one insert, however long.</summary>
    protected override bool OnPaste(string text)
    {
        var before = Buffer.LeftOut;
        Edited(Buffer.Insert(text), Buffer.LeftOut != before);
        return true;
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        var counter = Buffer.Length > 0 && TextWrap.Width(Buffer.Text) >= width ? " " + Buffer.Counter : string.Empty;
        var room = Math.Max(1, width - counter.Length);
        KeepCaretVisible(room);

        SetAttribute(GetAttributeForRole(HasFocus ? VisualRole.Focus : VisualRole.Normal));
        Move(0, 0);
        var column = 0;
        for (var i = _scroll; i < Buffer.Length; i = Buffer.After(i))
        {
            var shown = Shown(Buffer.ElementAt(i));
            var cells = TextWrap.Width(shown);
            if (column + cells > room)
            {
                break;
            }

            AddStr(shown);
            column += cells;
        }

        AddStr(new string(' ', Math.Max(0, width - column - counter.Length)));
        AddStr(counter);
        SetCaret(room);
        return true;
    }

    protected override void OnHasFocusChanged(bool newHasFocus, View? previousFocusedView, View? focusedView) => SetNeedsDraw();

    /// <param name="changed">The text changed: draw it again.</param>
    /// <param name="leftOut">Only more was left out (nothing to draw here).</param>
    private void Edited(bool changed, bool leftOut)
    {
        if (changed)
        {
            SetNeedsDraw();
        }

        if (changed || leftOut)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Caret movement: null when the key is not one.</summary>
    private bool? Moved(Key key) =>
        key == Key.CursorLeft ? Buffer.Left()
        : key == Key.CursorRight ? Buffer.Right()
        : key == Key.Home || key == Key.A.WithCtrl ? Buffer.Home()
        : key == Key.End || key == Key.E.WithCtrl ? Buffer.End()
        : key == Key.CursorLeft.WithCtrl ? Buffer.WordLeft()
        : key == Key.CursorRight.WithCtrl ? Buffer.WordRight()
        : null;

    /// <summary>The character a key types, or null for a key that types none (Enter, Tab, Ctrl or Alt chords).</summary>
    private static Rune? Typed(Key key) =>
        key.IsCtrl || key.IsAlt || key.AsRune == default || Rune.IsControl(key.AsRune) ? null : key.AsRune;

    /// <summary>Scrolls so that the caret is on the line (with room for it after the last character).</summary>
    private void KeepCaretVisible(int room)
    {
        if (TextWrap.Width(Buffer.Text) < room)
        {
            _scroll = 0;
        }
        else if (Buffer.Caret < _scroll)
        {
            _scroll = Buffer.Caret;
        }

        var cells = Cells(_scroll, Buffer.Caret);
        while (cells > room - 1 && _scroll < Buffer.Caret)
        {
            cells -= TextWrap.Width(Shown(Buffer.ElementAt(_scroll)));
            _scroll = Buffer.After(_scroll);
        }
    }

    private void SetCaret(int room)
    {
        if (!HasFocus)
        {
            Cursor = Cursor with { Position = null };
            return;
        }

        var column = Math.Min(Cells(_scroll, Buffer.Caret), room - 1);
        Cursor = new Cursor { Position = ViewportToScreen(new Point(column, 0)), Style = CursorStyle.BlinkingBar };
    }

    private int Cells(int from, int to)
    {
        var cells = 0;
        for (var i = from; i < to; i = Buffer.After(i))
        {
            cells += TextWrap.Width(Shown(Buffer.ElementAt(i)));
        }

        return cells;
    }

    private static string Shown(string element) => element switch
    {
        "\n" => "↵",
        "\t" => "⇥",
        _ => element,
    };
}
