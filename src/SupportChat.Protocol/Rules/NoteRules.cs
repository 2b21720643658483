namespace SupportChat.Protocol.Rules;

/// <summary>Issue 21: the shape of a private note and of a handover's note, checked by the server (InvalidArgument) and
/// by the client library before it sends, like <see cref="CommandRules"/>.</summary>
public static class NoteRules
{
    /// <summary>A note is shorter than a message: it is a word of context for a colleague, not a reply.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>A note's text: not empty, at most <see cref="MaxNoteLength"/> characters, no control characters (line
    /// breaks allowed), as a message's text.</summary>
    public static string Text(string? value)
    {
        var text = value ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidCommandException("note text must not be empty or only whitespace.");
        }

        return Checked(text);
    }

    /// <summary>A handover's optional note: empty stays empty.</summary>
    public static string Optional(string? value) => string.IsNullOrEmpty(value) ? string.Empty : Checked(value);

    private static string Checked(string text)
    {
        if (text.Length > MaxNoteLength)
        {
            throw new InvalidCommandException($"note text is {text.Length} characters; the limit is {MaxNoteLength}.");
        }

        return CommandRules.Text(text); // the same characters a message may hold
    }
}
