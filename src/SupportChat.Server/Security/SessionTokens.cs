using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SupportChat.Storage.Sqlite;

namespace SupportChat.Server.Security;

/// <summary>
/// A customer's session token: an HMAC of (customer id, conversation id) under a key kept in the data folder,
/// so it survives restarts, is bound to that customer and conversation, and needs no table to check.
/// </summary>
internal sealed class SessionTokens
{
    private const string KeyFileName = "session.key";
    private readonly byte[] _key;

    public SessionTokens(IOptions<SqliteStoreOptions> store) => _key = LoadOrCreateKey(store.Value.DataDirectory);

    public string Issue(string customerId, string conversationId) =>
        Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"customer\n{customerId}\n{conversationId}")));

    public bool IsValid(string customerId, string conversationId, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Issue(customerId, conversationId)), Encoding.ASCII.GetBytes(token));

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
