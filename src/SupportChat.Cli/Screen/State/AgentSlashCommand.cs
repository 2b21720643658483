using SupportChat.Cli.Input;

namespace SupportChat.Cli.Screen.State;

/// <summary>
/// Issue 21: the commands an agent types in the full-screen view's input line for the selected conversation, as in the
/// plain view: <c>/note text</c>, <c>/handover NAME [note…]</c>, <c>/transfer DEPARTMENT [note…]</c>. Anything else is
/// a message (start it with "//" to send a text that begins with one of these words).
/// </summary>
internal static class AgentSlashCommand
{
    /// <summary>A message that starts with "//" and then one of the commands is sent with one '/' less; any other text
    /// as it is.</summary>
    public static string Unescape(string text) =>
        text.StartsWith("//", StringComparison.Ordinal) && Parse(string.Empty, text[1..]) is not null ? text[1..] : text;

    /// <summary>The command typed, or null when the text is a message.</summary>
    public static InputCommand? Parse(string conversationId, string text)
    {
        var trimmed = text.Trim();
        var words = trimmed.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        return words[0] switch
        {
            "/note" when words.Length >= 2 => new NoteInput(conversationId, trimmed["/note".Length..].Trim()),
            "/note" => new InvalidInput("usage: /note text"),
            "/handover" when words.Length >= 2 => new HandoverInput(conversationId, words[1], words.Length == 3 ? words[2].Trim() : string.Empty),
            "/handover" => new InvalidInput("usage: /handover NAME [note…]"),
            "/transfer" when words.Length >= 2 => new TransferInput(conversationId, words[1], words.Length == 3 ? words[2].Trim() : string.Empty),
            "/transfer" => new InvalidInput("usage: /transfer DEPARTMENT [note…]"),
            _ => null,
        };
    }
}
