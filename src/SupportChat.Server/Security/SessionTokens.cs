using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SupportChat.Server.Hosting;
using SupportChat.Storage.Sqlite;

namespace SupportChat.Server.Security;

/// <summary>
/// A customer's session token: an expiry and an HMAC of (customer id, conversation id, expiry) under a key kept
/// in the data folder, so it survives restarts, is bound to that customer and conversation, runs out, and
/// needs no table to check.
/// </summary>
public sealed class SessionTokens
{
    private const string KeyFileName = "session.key";
    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public SessionTokens(IOptions<SqliteStoreOptions> store, IOptions<ChatOptions> chat, TimeProvider time)
    {
        _key = LoadOrCreateKey(store.Value.DataDirectory);
        _time = time;
        _lifetime = chat.Value.CustomerSessionLifetime;
    }

    /// <summary>A token for this customer and conversation, valid for the configured lifetime.</summary>
    public string Issue(string customerId, string conversationId) => Issue(customerId, conversationId, _time.GetUtcNow() + _lifetime);

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

        return _time.GetUtcNow().ToUnixTimeSeconds() >= expiry ? "the session has expired" : null;
    }

    private string Sign(string customerId, string conversationId, string expiry) =>
        Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"customer\n{customerId}\n{conversationId}\n{expiry}")));

    private static byte[] LoadOrCreateKey(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, KeyFileName);
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            file.Write(key);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: false);
        return key;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
