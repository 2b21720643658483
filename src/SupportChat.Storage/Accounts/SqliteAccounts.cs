using Microsoft.Data.Sqlite;
using SupportChat.Storage.Sqlite;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage.Accounts;

/// <summary>
/// Agent and admin accounts in the same SQLite file as the history. Each call opens its own connection, so
/// the `supportchat agents` commands can change accounts while a server is running on the same data folder.
/// </summary>
public sealed class SqliteAccounts(SqliteStoreOptions options) : IAccountStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS accounts (
            id          TEXT PRIMARY KEY,
            role        INTEGER NOT NULL,
            name        TEXT NOT NULL,
            departments TEXT NOT NULL,
            capacity    INTEGER NOT NULL,
            title       TEXT NOT NULL,
            token_hash  TEXT NOT NULL UNIQUE,
            created_at  INTEGER NOT NULL
        );
        """;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        DefaultTimeout = 30,
    }.ToString();

    public async Task<string> AddAsync(Account account, CancellationToken cancellationToken)
    {
        var token = AccountTokens.NewToken();
        await using var connection = await OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO accounts (id, role, name, departments, capacity, title, token_hash, created_at)
            VALUES ($id, $role, $name, $departments, $capacity, $title, $hash, $created)
            """;
        insert.Parameters.AddWithValue("$id", account.Id);
        insert.Parameters.AddWithValue("$role", (int)account.Role);
        insert.Parameters.AddWithValue("$name", account.Name);
        insert.Parameters.AddWithValue("$departments", string.Join(',', account.Departments));
        insert.Parameters.AddWithValue("$capacity", account.Capacity);
        insert.Parameters.AddWithValue("$title", account.Title);
        insert.Parameters.AddWithValue("$hash", AccountTokens.Hash(token));
        insert.Parameters.AddWithValue("$created", account.CreatedAt.ToUnixTimeMilliseconds());
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19) // SQLITE_CONSTRAINT
        {
            throw new StoreConflictException($"an account named like '{account.Name}' ({account.Id}) already exists.", ex);
        }

        return token;
    }

    public async Task<IReadOnlyList<Account>> ListAsync(AccountRole role, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, role, name, departments, capacity, title, created_at FROM accounts WHERE role = $role ORDER BY name";
        select.Parameters.AddWithValue("$role", (int)role);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(Read(reader));
        }

        return accounts;
    }

    public async Task<bool> AnyAsync(AccountRole role, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT EXISTS (SELECT 1 FROM accounts WHERE role = $role)";
        select.Parameters.AddWithValue("$role", (int)role);
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public async Task<Account?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!AccountTokens.LooksValid(token))
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, role, name, departments, capacity, title, created_at FROM accounts WHERE token_hash = $hash";
        select.Parameters.AddWithValue("$hash", AccountTokens.Hash(token));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> RemoveAsync(string id, AccountRole role, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM accounts WHERE id = $id AND role = $role";
        delete.Parameters.AddWithValue("$id", id);
        delete.Parameters.AddWithValue("$role", (int)role);
        return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<string?> ResetTokenAsync(string id, AccountRole role, CancellationToken cancellationToken)
    {
        var token = AccountTokens.NewToken();
        await using var connection = await OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE accounts SET token_hash = $hash WHERE id = $id AND role = $role";
        update.Parameters.AddWithValue("$hash", AccountTokens.Hash(token));
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$role", (int)role);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1 ? token : null;
    }

    private static Account Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        (AccountRole)reader.GetInt32(1),
        reader.GetString(2),
        reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries),
        reader.GetInt32(4),
        reader.GetString(5),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var setup = connection.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; " + Schema;
        await setup.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
