using System.Text;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Screen.State;

/// <summary>
/// The text of the input line and its caret, never longer than a message may be. Terminal.Gui's TextField keeps a
/// copy of its whole text in its undo history for every key, and a paste arrives as one key per character (or one
/// insert per character), so a long paste cost time and memory by the square of its length. Here a key costs what
/// it inserts, and what does not fit is counted, not kept.
/// </summary>
internal sealed class InputBuffer(int limit = MessageText.MaxLength)
{
    private readonly StringBuilder _text = new();
    private string? _snapshot;

    /// <summary>The most characters (UTF-16 code units, as the server counts) the text may have.</summary>
    public int Limit => limit;

    public int Length => _text.Length;

    /// <summary>Where the next character goes, as an index into <see cref="Text"/> (never inside a surrogate pair).</summary>
    public int Caret { get; private set; }

    /// <summary>Characters typed or pasted that did not fit since the text was last below its limit.</summary>
    public int LeftOut { get; private set; }

    public string Text
    {
        get => _snapshot ??= _text.ToString();
        set
        {
            _text.Clear();
            Caret = 0;
            LeftOut = 0;
            Changed();
            Insert(value);
        }
    }

    public bool IsAtLimit => _text.Length >= limit;

    /// <summary>"3980/4000".</summary>
    public string Counter => $"{_text.Length}/{limit}";

    /// <summary>Inserts at the caret what fits (what does not is counted in <see cref="LeftOut"/>): line breaks become
    /// \n, and characters a message may not hold (other control characters, bidi overrides) are dropped. True when the
    /// text changed.</summary>
    public bool Insert(string text)
    {
        var room = limit - _text.Length;
        var taken = new StringBuilder(Math.Min(text.Length, Math.Max(room, 0)));
        var leftOut = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue; // the \n that follows stands for both
                }

                c = '\n';
            }

            if (!MessageText.Allows(c))
            {
                continue;
            }

            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (char.IsSurrogate(c) && !pair)
            {
                continue; // half a character: nothing a terminal can show or UTF-8 can carry
            }

            var size = pair ? 2 : 1;
            if (taken.Length + size > room)
            {
                leftOut += size;
            }
            else if (pair)
            {
                taken.Append(text, i, 2);
            }
            else
            {
                taken.Append(c);
            }

            i += size - 1;
        }

        if (taken.Length > 0)
        {
            _text.Insert(Caret, taken);
            Caret += taken.Length;
            Changed();
        }

        LeftOut += leftOut;
        return taken.Length > 0;
    }

    /// <summary>Deletes the character before the caret.</summary>
    public bool Backspace()
    {
        if (Caret == 0)
        {
            return false;
        }

        var start = Before(Caret);
        _text.Remove(start, Caret - start);
        Caret = start;
        Changed();
        return true;
    }

    /// <summary>Deletes the character at the caret.</summary>
    public bool Delete()
    {
        if (Caret >= _text.Length)
        {
            return false;
        }

        _text.Remove(Caret, After(Caret) - Caret);
        Changed();
        return true;
    }

    /// <summary>Deletes from the start of the text to the caret (Ctrl+U, as in a shell).</summary>
    public bool DeleteToStart()
    {
        if (Caret == 0)
        {
            return false;
        }

        _text.Remove(0, Caret);
        Caret = 0;
        Changed();
        return true;
    }

    public bool Left() => MoveTo(Caret == 0 ? 0 : Before(Caret));

    public bool Right() => MoveTo(Caret >= _text.Length ? _text.Length : After(Caret));

    public bool Home() => MoveTo(0);

    public bool End() => MoveTo(_text.Length);

    /// <summary>To the start of the word before the caret.</summary>
    public bool WordLeft()
    {
        var i = Caret;
        while (i > 0 && char.IsWhiteSpace(_text[i - 1]))
        {
            i--;
        }

        while (i > 0 && !char.IsWhiteSpace(_text[i - 1]))
        {
            i--;
        }

        return MoveTo(i);
    }

    /// <summary>To the end of the word after the caret.</summary>
    public bool WordRight()
    {
        var i = Caret;
        while (i < _text.Length && char.IsWhiteSpace(_text[i]))
        {
            i++;
        }

        while (i < _text.Length && !char.IsWhiteSpace(_text[i]))
        {
            i++;
        }

        return MoveTo(i);
    }

    /// <summary>The character (one or two code units) starting at <paramref name="index"/>.</summary>
    public string ElementAt(int index) => _text.ToString(index, After(index) - index);

    /// <summary>The index after the character at <paramref name="index"/>.</summary>
    public int After(int index) =>
        index + 1 < _text.Length && char.IsHighSurrogate(_text[index]) && char.IsLowSurrogate(_text[index + 1]) ? index + 2 : index + 1;

    private int Before(int index) =>
        index >= 2 && char.IsLowSurrogate(_text[index - 1]) && char.IsHighSurrogate(_text[index - 2]) ? index - 2 : index - 1;

    private bool MoveTo(int index)
    {
        if (index == Caret)
        {
            return false;
        }

        Caret = index;
        return true;
    }

    private void Changed()
    {
        _snapshot = null;
        if (_text.Length < limit)
        {
            LeftOut = 0;
        }
    }
}
