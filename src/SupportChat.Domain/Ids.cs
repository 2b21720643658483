using System.Security.Cryptography;

namespace SupportChat.Domain;

/// <summary>Server-assigned identifiers: short enough to type (history ID), random enough not to guess.</summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string NewConversationId() => "c" + Random(11);

    public static string NewCustomerId() => "u" + Random(15);

    // Message ids need to be unique, not secret: a random prefix per process and a counter (32 hex digits, as before)
    // cost a fraction of a random GUID, and every relayed message takes one.
    private static readonly string MessagePrefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private static long _messageCounter;

    public static string NewMessageId() =>
        string.Create(32, Interlocked.Increment(ref _messageCounter), static (span, counter) =>
        {
            MessagePrefix.AsSpan().CopyTo(span);
            counter.TryFormat(span[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        });

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A stable id for an agent signing in by name: lower case, runs of other characters as '-'.</summary>
    public static string AgentIdFromName(string name)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "agent" : slug;
    }

    private static string Random(int length) =>
        string.Create(length, 0, static (span, _) =>
        {
            Span<byte> bytes = stackalloc byte[span.Length];
            RandomNumberGenerator.Fill(bytes);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[bytes[i] % Alphabet.Length];
            }
        });
}
