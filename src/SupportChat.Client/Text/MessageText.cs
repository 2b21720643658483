using SupportChat.Protocol.Rules;

namespace SupportChat.Client.Text;

/// <summary>
/// What the server accepts as a message's text, for front ends that hold text before it is sent (an input line
/// that stops at the limit rather than letting the server refuse the message).
/// </summary>
public static class MessageText
{
    /// <summary>The most characters (UTF-16 code units) a message may have.</summary>
    public const int MaxLength = ChatLimits.MaxTextLength;

    /// <summary>Whether <paramref name="c"/> may be part of a message: line breaks and tabs may, other control and
    /// bidirectional-formatting characters may not.</summary>
    public static bool Allows(char c) => c is '\n' or '\t' || !UnsafeCharacters.IsUnsafe(c);
}
