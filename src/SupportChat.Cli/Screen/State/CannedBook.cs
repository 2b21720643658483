using SupportChat.Client.Canned;

namespace SupportChat.Cli.Screen.State;

/// <summary>
/// The team's canned replies as the agent's screen knows them (from ready, then each change), and how a '/shortcut'
/// typed in the input line becomes the reply's text, its placeholders filled for the conversation in view.
/// </summary>
internal sealed class CannedBook
{
    private IReadOnlyList<CannedReply> _replies = [];

    public IReadOnlyList<CannedReply> Replies => _replies;

    public void Replace(IReadOnlyList<CannedReply> replies) => _replies = replies;

    public CannedReply? Find(string shortcut) => _replies.FirstOrDefault(r => string.Equals(r.Shortcut, shortcut, StringComparison.Ordinal));

    /// <summary>Replies whose shortcut or text holds <paramref name="filter"/> (ignoring case), shortcut matches first.</summary>
    public IReadOnlyList<CannedReply> Matching(string filter)
    {
        var wanted = filter.Trim().TrimStart('/');
        if (wanted.Length == 0)
        {
            return _replies;
        }

        return
        [
            .. _replies.Where(r => r.Shortcut.Contains(wanted, StringComparison.OrdinalIgnoreCase)),
            .. _replies.Where(r => !r.Shortcut.Contains(wanted, StringComparison.OrdinalIgnoreCase)
                && r.Text.Contains(wanted, StringComparison.OrdinalIgnoreCase)),
        ];
    }

    /// <summary>The '/word' that ends just before <paramref name="caret"/> in <paramref name="text"/>: where it starts and the
    /// shortcut it names (without the '/'); null when the word before the caret does not start with '/'.</summary>
    public static (int Start, string Shortcut)? ShortcutBefore(string text, int caret)
    {
        var start = caret;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        return start < caret && text[start] == '/' ? (start, text[(start + 1)..caret]) : null;
    }
}
