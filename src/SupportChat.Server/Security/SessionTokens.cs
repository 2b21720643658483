using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SupportChat.Server.Configuration;
using SupportChat.Storage.Secrets;

namespace SupportChat.Server.Security;

/// <summary>
/// A customer's session token: an expiry and an HMAC of (customer id, conversation id, expiry) under a key kept
/// with the store (a file in the data folder, or PostgreSQL for a cluster, so any node accepts what another issued),
/// so it survives restarts, is bound to that customer and conversation, runs out, and needs no table to check.
/// </summary>
public sealed class SessionTokens(ISecretStore secrets, IOptions<ChatOptions> chat, TimeProvider time)
{
    private const string KeyName = "session";
    private readonly TimeSpan _lifetime = chat.Value.CustomerSessionLifetime;
    private byte[]? _key;

    /// <summary>Loads (or makes) the signing key; the server does it before it listens.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        _key = await secrets.GetOrCreateAsync(KeyName, 32, cancellationToken);

    /// <summary>A token for this customer and conversation, valid for the configured lifetime.</summary>
    public string Issue(string customerId, string conversationId) => Issue(customerId, conversationId, time.GetUtcNow() + _lifetime);

    /// <summary>A token that expires at <paramref name="expiresAt"/>: "expiry.signature".</summary>
    public string Issue(string customerId, string conversationId, DateTimeOffset expiresAt)
    {
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{expiry}.{Sign(customerId, conversationId, expiry)}";
    }

    /// <summary>Null when valid; otherwise why not (for the Unauthenticated message).</summary>
    public string? Check(string customerId, string conversationId, string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(token.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expiry))
        {
            return "the session token is malformed";
        }

        var expected = Encoding.ASCII.GetBytes(Sign(customerId, conversationId, token[..dot]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token[(dot + 1)..])))
        {
            return "the session token does not match this customer and conversation";
        }

        return time.GetUtcNow().ToUnixTimeSeconds() >= expiry ? "the session has expired" : null;
    }

    private string Sign(string customerId, string conversationId, string expiry) =>
        Base64Url(HMACSHA256.HashData(_key ?? throw new InvalidOperationException("session tokens are used before InitializeAsync."), Encoding.UTF8.GetBytes($"customer\n{customerId}\n{conversationId}\n{expiry}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
