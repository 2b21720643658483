using System.Security.Cryptography;

namespace SupportChat.Storage.Secrets;

/// <summary>Keys as files "NAME.key" in the data folder, readable by the owner only.</summary>
public sealed class FileSecretStore(string dataDirectory) : ISecretStore
{
    public Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, name + ".key");
        if (File.Exists(path))
        {
            return File.ReadAllBytesAsync(path, cancellationToken);
        }

        var key = RandomNumberGenerator.GetBytes(length);
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
        return Task.FromResult(key);
    }
}
