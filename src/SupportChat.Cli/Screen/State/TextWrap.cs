using System.Globalization;

namespace SupportChat.Cli.Screen.State;

/// <summary>Breaks text into screen lines of a given width, at spaces where it can; every line after the first is
/// indented, the lines of a multi-line message too, so that it reads as one message. Tabs become spaces: a list
/// row shows none.</summary>
internal static class TextWrap
{
    private const string TabAsSpaces = "    ";

    public static IEnumerable<string> Lines(string text, int width, int indent = 2)
    {
        width = Math.Max(width, indent + 8);
        var first = true;
        foreach (var paragraph in text.Replace("\t", TabAsSpaces, StringComparison.Ordinal).Split('\n'))
        {
            var rest = paragraph;
            while (true)
            {
                var prefix = first ? string.Empty : new string(' ', indent);
                var room = width - prefix.Length;
                if (Width(rest) <= room)
                {
                    yield return rest.Length == 0 ? string.Empty : prefix + rest;
                    first = false;
                    break;
                }

                var cut = CutAt(rest, room);
                yield return prefix + rest[..cut].TrimEnd();
                rest = rest[cut..].TrimStart();
                first = false;
            }
        }
    }

    /// <summary>Where to break: the last space that fits, or a hard break in a long word (never inside a surrogate pair).</summary>
    private static int CutAt(string text, int room)
    {
        var fit = 0;
        var used = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            used += Width(element);
            if (used > room)
            {
                break;
            }

            fit = enumerator.ElementIndex + element.Length;
        }

        fit = Math.Max(fit, 1);
        var space = text.LastIndexOf(' ', Math.Min(fit, text.Length - 1));
        return space > 0 ? space + 1 : fit;
    }

    /// <summary>Terminal cells the text takes.</summary>
    public static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += Width(rune);
        }

        return width;
    }

    // East Asian wide characters take two cells; a close approximation is enough for wrapping.
    public static int Width(System.Text.Rune rune) =>
        rune.Value is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1FAFF or >= 0x20000 and <= 0x3FFFD ? 2 : 1;
}
