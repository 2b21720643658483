namespace SupportChat.Cli.Screen.State;

/// <summary>Fitting text into a line of the screen: key hints that drop the least needed first, and entries cut
/// with an ellipsis rather than mid-word at the edge of a pane.</summary>
internal static class LineFit
{
    private const string Separator = " · ";

    /// <summary>The hints, in their order, that fit in <paramref name="width"/> cells: each hint's long form if all of
    /// them fit that way, otherwise the short forms, leaving out the least important ones (the last in
    /// <paramref name="importance"/>) until the rest fit. The first in importance is always kept (help, which lists
    /// everything), elided if even it does not fit.</summary>
    public static string Hints(IReadOnlyList<KeyHint> hints, int width)
    {
        var full = string.Join(Separator, hints.Select(h => h.Text));
        if (TextWrap.Width(full) <= width)
        {
            return full;
        }

        var kept = hints.ToList();
        while (true)
        {
            var line = string.Join(Separator, kept.Select(h => h.Short));
            if (TextWrap.Width(line) <= width || kept.Count == 1)
            {
                return Elide(line, width);
            }

            kept.Remove(kept.Where(h => h.Importance > 0).MaxBy(h => h.Importance) ?? kept[^1]);
        }
    }

    /// <summary>The text if it fits in <paramref name="width"/> cells, otherwise as much as fits followed by "…".</summary>
    public static string Elide(string text, int width)
    {
        if (TextWrap.Width(text) <= width)
        {
            return text;
        }

        if (width <= 0)
        {
            return string.Empty;
        }

        var cells = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var next = TextWrap.Width(rune);
            if (cells + next > width - 1)
            {
                break;
            }

            cells += next;
            end += rune.Utf16SequenceLength;
        }

        return text[..end].TrimEnd(' ', '·') + "…";
    }
}

/// <summary>One key hint: "F6 transfer", a shorter form for a narrow screen, and how much it matters (0 most).</summary>
internal sealed record KeyHint(string Text, string Short, int Importance);
