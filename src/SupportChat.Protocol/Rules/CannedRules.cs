namespace SupportChat.Protocol.Rules;

/// <summary>What a canned reply may be, as docs/protocol.md states it: the server refuses anything else with
/// InvalidArgument, and the CLI checks the same before it calls.</summary>
public static class CannedRules
{
    public const int MaxShortcutLength = 32;

    /// <summary>1-32 ASCII letters, digits, '-' or '_': easy to type after '/' and never mistaken for a word of a message.</summary>
    public static string Shortcut(string? value)
    {
        var shortcut = value ?? string.Empty;
        if (shortcut.Length is 0 or > MaxShortcutLength || !shortcut.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new InvalidCommandException(
                $"a shortcut is 1 to {MaxShortcutLength} ASCII letters, digits, '-' or '_' (like hello or refund-policy).");
        }

        return shortcut;
    }

    /// <summary>The reply's text: what an agent may send as a message (placeholders included, as typed).</summary>
    public static string Text(string? value) => CommandRules.Text(value);
}
