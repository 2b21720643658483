using System.Security.Cryptography;
using System.Text;

namespace SupportChat.Storage.Accounts;

/// <summary>
/// Secret tokens: 256 random bits, shown once. Only their SHA-256 is stored; a token that random needs no
/// slow hash, and a stolen database does not give anyone a working token.
/// </summary>
public static class AccountTokens
{
    private const string Prefix = "sct_";

    public static string NewToken() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>False for anything that cannot be a token (so it is refused without a lookup).</summary>
    public static bool LooksValid(string token) =>
        token.Length == Prefix.Length + 43 && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
