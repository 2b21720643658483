namespace SupportChat.Domain.Validation;

/// <summary>
/// Checks what people type before it is stored or shown to anyone else. Control characters are refused,
/// not stripped, so that what the sender sees acknowledged is exactly what the others receive.
/// </summary>
public static class InputValidator
{
    public static string Name(string? value, string field = "name")
    {
        var name = (value ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            throw ChatException.InvalidArgument($"{field} must not be empty.");
        }

        if (name.Length > ChatLimits.MaxNameLength)
        {
            throw ChatException.InvalidArgument($"{field} is {name.Length} characters; the limit is {ChatLimits.MaxNameLength}.");
        }

        RejectUnsafeCharacters(name, field, allowLineBreaks: false);
        return name;
    }

    public static string Text(string? value)
    {
        var text = value ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ChatException.InvalidArgument("message text must not be empty or only whitespace.");
        }

        if (text.Length > ChatLimits.MaxTextLength)
        {
            throw ChatException.InvalidArgument($"message text is {text.Length} characters; the limit is {ChatLimits.MaxTextLength}.");
        }

        RejectUnsafeCharacters(text, "message text", allowLineBreaks: true);
        return text;
    }

    public static string ClientMsgId(string? value)
    {
        var id = value ?? string.Empty;
        if (id.Length == 0 || id.Length > ChatLimits.MaxClientMsgIdLength)
        {
            throw ChatException.InvalidArgument($"client_msg_id must be 1 to {ChatLimits.MaxClientMsgIdLength} characters (a UUID).");
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                throw ChatException.InvalidArgument("client_msg_id may hold only ASCII letters, digits and - _ . :");
            }
        }

        return id;
    }

    /// <summary>
    /// Whether a client-supplied conversation id could be one the server issued. Anything else cannot name a
    /// conversation, so it is refused before it reaches a grain (whose keys must not be blank) or the store.
    /// </summary>
    public static bool IsConversationId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > ChatLimits.MaxConversationIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The read positions a reconnecting agent names: a bounded number of well-formed ids, none negative.</summary>
    public static void Cursors(IReadOnlyCollection<KeyValuePair<string, long>> cursors)
    {
        if (cursors.Count > ChatLimits.MaxCursors)
        {
            throw ChatException.InvalidArgument($"hello names {cursors.Count} conversations; the limit is {ChatLimits.MaxCursors}.");
        }

        foreach (var (conversationId, lastSeq) in cursors)
        {
            if (!IsConversationId(conversationId))
            {
                throw ChatException.InvalidArgument("a cursor in hello names a malformed conversation id.");
            }

            if (lastSeq < 0)
            {
                throw ChatException.InvalidArgument($"the cursor for conversation {conversationId} must not be negative.");
            }
        }
    }

    public static int Rating(int score) => score is >= ChatLimits.MinRating and <= ChatLimits.MaxRating
        ? score
        : throw ChatException.InvalidArgument($"the rating must be between {ChatLimits.MinRating} and {ChatLimits.MaxRating}.");

    /// <summary>A rating's comment: optional, so empty is fine; otherwise held to the rules of message text.</summary>
    public static string Comment(string? value)
    {
        var comment = (value ?? string.Empty).Trim();
        if (comment.Length > ChatLimits.MaxCommentLength)
        {
            throw ChatException.InvalidArgument($"the comment is {comment.Length} characters; the limit is {ChatLimits.MaxCommentLength}.");
        }

        RejectUnsafeCharacters(comment, "the comment", allowLineBreaks: true);
        return comment;
    }

    public static int Capacity(int value)
    {
        if (value is < 1 or > ChatLimits.MaxCapacity)
        {
            throw ChatException.InvalidArgument($"capacity must be between 1 and {ChatLimits.MaxCapacity}.");
        }

        return value;
    }

    public static bool IsUnsafe(char c) =>
        char.IsControl(c) // C0, DEL and C1
        || c is '\u061C' or '\u200E' or '\u200F' // bidi marks
        || c is >= '\u202A' and <= '\u202E' // bidi embeddings and overrides
        || c is >= '\u2066' and <= '\u2069'; // bidi isolates

    private static void RejectUnsafeCharacters(string value, string field, bool allowLineBreaks)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (allowLineBreaks && c is '\n' or '\t')
            {
                continue;
            }

            if (IsUnsafe(c))
            {
                throw ChatException.InvalidArgument(
                    $"{field} contains a control or bidirectional-override character (U+{(int)c:X4}) at position {i + 1}.");
            }
        }
    }
}
