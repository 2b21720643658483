namespace SupportChat.Protocol.Rules;

/// <summary>
/// The shape of what a command may carry, as docs/protocol.md states it: the server refuses anything else with
/// InvalidArgument, and the client library checks the same rules before it sends, so a text the server would refuse
/// never leaves the client. Control characters are refused, not stripped, so that what the sender sees acknowledged
/// is exactly what the others receive.
/// </summary>
public static class CommandRules
{
    public static string Name(string? value, string field = "name")
    {
        var name = (value ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            throw new InvalidCommandException($"{field} must not be empty.");
        }

        if (name.Length > ChatLimits.MaxNameLength)
        {
            throw new InvalidCommandException($"{field} is {name.Length} characters; the limit is {ChatLimits.MaxNameLength}.");
        }

        RejectUnsafeCharacters(name, field, allowLineBreaks: false);
        return name;
    }

    /// <summary>A customer's optional e-mail: empty stays empty; otherwise at most 254 characters (RFC 5321's limit for a
    /// path), exactly one '@' with something on each side, and no whitespace, control or bidi character. It is checked,
    /// not verified: nobody sends mail to it, it is shown to agents.</summary>
    public static string Email(string? value)
    {
        var email = value ?? string.Empty;
        if (email.Length == 0)
        {
            return email;
        }

        if (email.Length > ChatLimits.MaxEmailLength)
        {
            throw new InvalidCommandException($"email is {email.Length} characters; the limit is {ChatLimits.MaxEmailLength}.");
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == email.Length - 1 || email.IndexOf('@', at + 1) >= 0)
        {
            throw new InvalidCommandException("email must have exactly one '@', with something before and after it.");
        }

        foreach (var c in email)
        {
            if (char.IsWhiteSpace(c) || UnsafeCharacters.IsUnsafe(c))
            {
                throw new InvalidCommandException("email must not hold spaces, control or formatting characters.");
            }
        }

        return email;
    }

    public static string Text(string? value)
    {
        var text = value ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidCommandException("message text must not be empty or only whitespace.");
        }

        if (text.Length > ChatLimits.MaxTextLength)
        {
            throw new InvalidCommandException($"message text is {text.Length} characters; the limit is {ChatLimits.MaxTextLength}.");
        }

        RejectUnsafeCharacters(text, "message text", allowLineBreaks: true);
        return text;
    }

    public static string ClientMsgId(string? value)
    {
        var id = value ?? string.Empty;
        if (id.Length == 0 || id.Length > ChatLimits.MaxClientMsgIdLength)
        {
            throw new InvalidCommandException($"client_msg_id must be 1 to {ChatLimits.MaxClientMsgIdLength} characters (a UUID).");
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                throw new InvalidCommandException("client_msg_id may hold only ASCII letters, digits and - _ . :");
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

    /// <summary>Whether a department name is one a server may offer: 1-50 ASCII letters, digits, '-' or '_', so it is easy
    /// to type on a command line and to show in a list.</summary>
    public static bool IsDepartmentName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= ChatLimits.MaxDepartmentLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The read positions a reconnecting agent names: a bounded number of well-formed ids, none negative.</summary>
    public static void Cursors(IReadOnlyCollection<KeyValuePair<string, long>> cursors)
    {
        if (cursors.Count > ChatLimits.MaxCursors)
        {
            throw new InvalidCommandException($"hello names {cursors.Count} conversations; the limit is {ChatLimits.MaxCursors}.");
        }

        foreach (var (conversationId, lastSeq) in cursors)
        {
            if (!IsConversationId(conversationId))
            {
                throw new InvalidCommandException("a cursor in hello names a malformed conversation id.");
            }

            if (lastSeq < 0)
            {
                throw new InvalidCommandException($"the cursor for conversation {conversationId} must not be negative.");
            }
        }
    }

    public static int Rating(int score) => score is >= ChatLimits.MinRating and <= ChatLimits.MaxRating
        ? score
        : throw new InvalidCommandException($"the rating must be between {ChatLimits.MinRating} and {ChatLimits.MaxRating}.");

    /// <summary>A rating's comment: optional, so empty is fine; otherwise held to the rules of message text.</summary>
    public static string Comment(string? value)
    {
        var comment = (value ?? string.Empty).Trim();
        if (comment.Length > ChatLimits.MaxCommentLength)
        {
            throw new InvalidCommandException($"the comment is {comment.Length} characters; the limit is {ChatLimits.MaxCommentLength}.");
        }

        RejectUnsafeCharacters(comment, "the comment", allowLineBreaks: true);
        return comment;
    }

    /// <summary>The availability a SetStatus asks for: AVAILABLE (true) or AWAY (false). Anything else, unspecified or a
    /// value this version does not know, is refused rather than taken for one of them.</summary>
    public static bool Availability(V1.AgentStatus status) => status switch
    {
        V1.AgentStatus.Available => true,
        V1.AgentStatus.Away => false,
        _ => throw new InvalidCommandException("status must be available or away."),
    };

    public static int Capacity(int value)
    {
        if (value is < 1 or > ChatLimits.MaxCapacity)
        {
            throw new InvalidCommandException($"capacity must be between 1 and {ChatLimits.MaxCapacity}.");
        }

        return value;
    }

    private static void RejectUnsafeCharacters(string value, string field, bool allowLineBreaks)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (allowLineBreaks && c is '\n' or '\t')
            {
                continue;
            }

            if (UnsafeCharacters.IsUnsafe(c))
            {
                throw new InvalidCommandException(
                    $"{field} contains a control or bidirectional-override character (U+{(int)c:X4}) at position {i + 1}.");
            }
        }
    }
}
