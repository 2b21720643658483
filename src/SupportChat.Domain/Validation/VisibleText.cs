using System.Text;

namespace SupportChat.Domain.Validation;

/// <summary>
/// Renders text from other people so that nothing in it can drive a terminal: control and
/// bidi characters become visible escapes such as \x1b or \u202e.
/// </summary>
public static class VisibleText
{
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

    private static bool MustEscape(char c, bool keepNewlines) =>
        InputValidator.IsUnsafe(c) && !(keepNewlines && c is '\n' or '\t');
}
