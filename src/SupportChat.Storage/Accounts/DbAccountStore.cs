using System.Data.Common;
using System.Globalization;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage.Accounts;

/// <summary>
/// The account queries both databases run. A store supplies its connections (each call opens one, so the `supportchat
/// agents` commands can change accounts while a server runs on the same database), how it keeps a time and a list of
/// departments, and how it recognises a taken id or token.
/// </summary>
public abstract class DbAccountStore : IAccountStore
{
    private const string Columns = "id, role, name, departments, capacity, title, created_at";

    private readonly StoreRows _rows;

    private protected DbAccountStore(StoreRows rows) => _rows = rows;

    /// <inheritdoc />
    public async Task<string> AddAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var token = AccountTokens.NewToken();
        await using var connection = await OpenAsync(cancellationToken);
        await using var insert = connection.Command(
            $"INSERT INTO accounts ({Columns}, token_hash) VALUES (@id, @role, @name, @departments, @capacity, @title, @created, @hash)",
            ("@id", account.Id), ("@role", (int)account.Role), ("@name", account.Name), ("@departments", ToDb(account.Departments)),
            ("@capacity", account.Capacity), ("@title", account.Title), ("@created", _rows.ToDb(account.CreatedAt)),
            ("@hash", AccountTokens.Hash(token)));
        try
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException ex) when (IsTaken(ex))
        {
            throw new StoreConflictException($"an account named like '{account.Name}' ({account.Id}) already exists.", ex);
        }

        return token;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Account>> ListAsync(AccountRole role, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.Command($"SELECT {Columns} FROM accounts WHERE role = @role ORDER BY name", ("@role", (int)role));
        return await select.ReadAllAsync(Read, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> AnyAsync(AccountRole role, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.Command("SELECT EXISTS (SELECT 1 FROM accounts WHERE role = @role)", ("@role", (int)role));

        // PostgreSQL answers a boolean, SQLite an integer 0 or 1.
        return Convert.ToBoolean(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<Account?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!AccountTokens.LooksValid(token))
        {
            return null;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.Command($"SELECT {Columns} FROM accounts WHERE token_hash = @hash", ("@hash", AccountTokens.Hash(token)));
        var found = await select.ReadAllAsync(Read, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string id, AccountRole role, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = connection.Command("DELETE FROM accounts WHERE id = @id AND role = @role", ("@id", id), ("@role", (int)role));
        return await delete.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<string?> ResetTokenAsync(string id, AccountRole role, CancellationToken cancellationToken)
    {
        var token = AccountTokens.NewToken();
        await using var connection = await OpenAsync(cancellationToken);
        await using var update = connection.Command("UPDATE accounts SET token_hash = @hash WHERE id = @id AND role = @role",
            ("@hash", AccountTokens.Hash(token)), ("@id", id), ("@role", (int)role));
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1 ? token : null;
    }

    /// <summary>An open connection to a database whose accounts table exists.</summary>
    private protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    private protected abstract object ToDb(IReadOnlyList<string> departments);

    private protected abstract IReadOnlyList<string> ReadDepartments(DbDataReader reader, int ordinal);

    /// <summary>The insert failed because the id or the token hash is taken.</summary>
    private protected abstract bool IsTaken(DbException error);

    private Account Read(DbDataReader reader) => new(
        reader.GetString(0),
        (AccountRole)reader.GetInt32(1),
        reader.GetString(2),
        ReadDepartments(reader, 3),
        reader.GetInt32(4),
        reader.GetString(5),
        _rows.ReadTime(reader, 6));
}
