namespace SupportChat.Storage.Secrets;

/// <summary>Random keys the server signs with, made once and kept: in the data folder of a single server, in
/// PostgreSQL for a cluster (so that every node checks what any node signed).</summary>
public interface ISecretStore
{
    /// <summary>The key of that name; the first caller anywhere creates it, every later one gets the same bytes.</summary>
    Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken);

    /// <summary>Forgets the key of that name (nothing happens when there is none).</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
