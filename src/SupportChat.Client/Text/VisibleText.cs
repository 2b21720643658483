using System.Text;
using SupportChat.Protocol.Rules;

namespace SupportChat.Client.Text;

/// <summary>
/// Renders text from other people so that nothing in it can drive a terminal: control and
/// bidi characters become visible escapes such as \x1b or \u202e.
/// </summary>
public static class VisibleText
{
    /// <summary>The text with every unsafe character as a visible escape; line breaks and tabs stay unless
    /// <paramref name="keepNewlines"/> is false.</summary>
    public static string Escape(string text, bool keepNewlines = true)
    {
        if (!text.Any(c => MustEscape(c, keepNewlines)))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!MustEscape(c, keepNewlines))
            {
                builder.Append(c);
            }
            else if (c <= '\u00FF')
            {
                builder.Append("\\x").Append(((int)c).ToString("x2"));
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4"));
            }
        }

        return builder.ToString();
    }

    /// <summary>The text for one line of a screen or listing: every unsafe character escaped, line breaks and tabs too.</summary>
    public static string OneLine(string text) => Escape(text, keepNewlines: false);

    /// <summary>Whether <paramref name="c"/> could drive a terminal or reorder what it shows (a control or
    /// bidi-formatting character): such characters are always shown escaped.</summary>
    public static bool IsUnsafe(char c) => UnsafeCharacters.IsUnsafe(c);

    private static bool MustEscape(char c, bool keepNewlines) =>
        UnsafeCharacters.IsUnsafe(c) && !(keepNewlines && c is '\n' or '\t');
}
