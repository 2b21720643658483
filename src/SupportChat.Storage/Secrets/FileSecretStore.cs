using System.Security.Cryptography;

namespace SupportChat.Storage.Secrets;

/// <summary>Keys as files "NAME.key" in the data folder, readable by the owner only (<see cref="PrivateFiles"/>).</summary>
public sealed class FileSecretStore(string dataDirectory) : ISecretStore
{
    public Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateFolder(dataDirectory);
        var path = Path.Combine(dataDirectory, name + ".key");
        if (File.Exists(path))
        {
            return File.ReadAllBytesAsync(path, cancellationToken);
        }

        // Written whole beside the key and moved into place, so a crash never leaves half a key; a leftover of such a
        // crash is deleted first, so that the key is written into a file created with the owner-only mode.
        var key = RandomNumberGenerator.GetBytes(length);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        using (var file = new FileStream(temporary, PrivateFiles.NewFile(FileMode.CreateNew, FileOptions.WriteThrough)))
        {
            file.Write(key);
        }

        File.Move(temporary, path, overwrite: false);
        return Task.FromResult(key);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        File.Delete(Path.Combine(dataDirectory, name + ".key"));
        return Task.CompletedTask;
    }
}
