using Npgsql;
using SupportChat.Storage.Accounts;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage.Postgres;

/// <summary>Agent and admin accounts in PostgreSQL, shared by every node of a cluster: an account added or removed
/// through any node (or by `supportchat agents … --postgres`) counts on all of them at once.</summary>
public sealed class PostgresAccounts(NpgsqlDataSource dataSource) : IAccountStore
{
    private const string Columns = "id, role, name, departments, capacity, title, created_at";

    public async Task<string> AddAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = AccountTokens.NewToken();
        await using var insert = await CommandAsync("""
            INSERT INTO accounts (id, role, name, departments, capacity, title, token_hash, created_at)
            VALUES (@id, @role, @name, @departments, @capacity, @title, @hash, @created)
            """, cancellationToken);
        insert.Parameters.AddWithValue("id", account.Id);
        insert.Parameters.AddWithValue("role", (int)account.Role);
        insert.Parameters.AddWithValue("name", account.Name);
        insert.Parameters.AddWithValue("departments", account.Departments.ToArray());
        insert.Parameters.AddWithValue("capacity", account.Capacity);
        insert.Parameters.AddWithValue("title", account.Title);
        insert.Parameters.AddWithValue("hash", AccountTokens.Hash(token));
        insert.Parameters.AddWithValue("created", PostgresRows.ToDb(account.CreatedAt));
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new StoreConflictException($"an account named like '{account.Name}' ({account.Id}) already exists.", ex);
        }

        return token;
    }

    public async Task<IReadOnlyList<Account>> ListAsync(AccountRole role, CancellationToken cancellationToken)
    {
        await using var select = await CommandAsync($"SELECT {Columns} FROM accounts WHERE role = @role ORDER BY name", cancellationToken);
        select.Parameters.AddWithValue("role", (int)role);
        return await ReadAllAsync(select, cancellationToken);
    }

    public async Task<bool> AnyAsync(AccountRole role, CancellationToken cancellationToken)
    {
        await using var select = await CommandAsync("SELECT EXISTS (SELECT 1 FROM accounts WHERE role = @role)", cancellationToken);
        select.Parameters.AddWithValue("role", (int)role);
        return (bool)(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<Account?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!AccountTokens.LooksValid(token))
        {
            return null;
        }

        await using var select = await CommandAsync($"SELECT {Columns} FROM accounts WHERE token_hash = @hash", cancellationToken);
        select.Parameters.AddWithValue("hash", AccountTokens.Hash(token));
        var found = await ReadAllAsync(select, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<bool> RemoveAsync(string id, AccountRole role, CancellationToken cancellationToken)
    {
        await using var delete = await CommandAsync("DELETE FROM accounts WHERE id = @id AND role = @role", cancellationToken);
        delete.Parameters.AddWithValue("id", id);
        delete.Parameters.AddWithValue("role", (int)role);
        return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<string?> ResetTokenAsync(string id, AccountRole role, CancellationToken cancellationToken)
    {
        var token = AccountTokens.NewToken();
        await using var update = await CommandAsync("UPDATE accounts SET token_hash = @hash WHERE id = @id AND role = @role", cancellationToken);
        update.Parameters.AddWithValue("hash", AccountTokens.Hash(token));
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("role", (int)role);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1 ? token : null;
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        // The accounts commands may be the first to touch a new database.
        await PostgresSchema.EnsureAsync(dataSource, cancellationToken);
        return dataSource.CreateCommand(sql);
    }

    private static async Task<IReadOnlyList<Account>> ReadAllAsync(NpgsqlCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(new Account(
                reader.GetString(0),
                (AccountRole)reader.GetInt32(1),
                reader.GetString(2),
                reader.GetFieldValue<string[]>(3),
                reader.GetInt32(4),
                reader.GetString(5),
                PostgresRows.At(reader, 6)));
        }

        return accounts;
    }
}
