using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Output;

/// <summary>
/// Writes JSON strings as UTF-8 as is (<c>+</c>, accents, emoji), escaping only what JSON requires and what could
/// drive or reorder a terminal showing the output: control and bidi-formatting characters, the line and paragraph
/// separators. The encoders .NET ships either escape everything beyond ASCII (the default: <c>\u002B</c>) or every
/// character outside the Basic Multilingual Plane and no bidi override (<c>UnsafeRelaxedJsonEscaping</c>: emoji as
/// surrogate escapes, U+202E as is).
/// </summary>
internal sealed class TerminalSafeJsonEncoder : JavaScriptEncoder
{
    public static readonly TerminalSafeJsonEncoder Instance = new();

    private TerminalSafeJsonEncoder()
    {
    }

    /// <summary>A supplementary character never needs escaping here, so at most one \uXXXX per UTF-16 unit.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar <= char.MaxValue && MustEscape((char)unicodeScalar);

    // The pointer signatures are the abstract API of TextEncoder; the work is done on spans.
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        FindFirst(new ReadOnlySpan<char>(text, textLength));

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        TryEncode(unicodeScalar, new Span<char>(buffer, bufferLength), out numberOfCharactersWritten);

    internal static int FindFirst(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a well-formed pair: written as is
                continue;
            }

            if (char.IsSurrogate(c) || MustEscape(c))
            {
                return i;
            }
        }

        return -1;
    }

    internal static bool TryEncode(int unicodeScalar, Span<char> buffer, out int written)
    {
        written = 0;
        if (!Instance.WillEncode(unicodeScalar))
        {
            return Rune.IsValid(unicodeScalar) && new Rune(unicodeScalar).TryEncodeToUtf16(buffer, out written);
        }

        // JSON's own short forms where there is one: text with quotes and line breaks stays readable.
        var shortForm = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => null,
        };
        if (shortForm is not null)
        {
            written = shortForm.TryCopyTo(buffer) ? shortForm.Length : 0;
            return written > 0;
        }

        if (buffer.Length < 6)
        {
            return false;
        }

        "\\u".CopyTo(buffer);
        unicodeScalar.TryFormat(buffer[2..], out _, "X4", CultureInfo.InvariantCulture);
        written = 6;
        return true;
    }

    /// <summary>What JSON requires, lone surrogates, and the characters the plain and full-screen modes show escaped.</summary>
    private static bool MustEscape(char c) =>
        c is '"' or '\\' or '\u2028' or '\u2029' || char.IsSurrogate(c) || VisibleText.IsUnsafe(c);
}
