using System.Security.Cryptography;
using Npgsql;
using SupportChat.Storage.Secrets;

namespace SupportChat.Storage.Postgres;

/// <summary>Keys in the secrets table. Nodes starting together race to insert; the loser's key is discarded and
/// everyone reads the winner's.</summary>
public sealed class PostgresSecretStore(NpgsqlDataSource dataSource) : ISecretStore
{
    public async Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken)
    {
        await PostgresSchema.EnsureAsync(dataSource, cancellationToken);
        await using (var insert = dataSource.CreateCommand("INSERT INTO secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING"))
        {
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("value", RandomNumberGenerator.GetBytes(length));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // A statement of its own: it sees a row another node committed while the insert waited on it.
        await using var select = dataSource.CreateCommand("SELECT value FROM secrets WHERE name = @name");
        select.Parameters.AddWithValue("name", name);
        return (byte[])(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await PostgresSchema.EnsureAsync(dataSource, cancellationToken);
        await using var delete = dataSource.CreateCommand("DELETE FROM secrets WHERE name = @name");
        delete.Parameters.AddWithValue("name", name);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
