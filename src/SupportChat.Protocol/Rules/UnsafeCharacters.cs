namespace SupportChat.Protocol.Rules;

/// <summary>Characters that could drive a terminal or reorder what is shown: refused in names and texts, and shown
/// as visible escapes wherever text from other people is displayed.</summary>
public static class UnsafeCharacters
{
    /// <summary>Whether <paramref name="c"/> is a control or bidirectional-formatting character.</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) // C0, DEL and C1
        || c is '\u061C' or '\u200E' or '\u200F' // bidi marks
        || c is >= '\u202A' and <= '\u202E' // bidi embeddings and overrides
        || c is >= '\u2066' and <= '\u2069'; // bidi isolates
}
