using Npgsql;
using SupportChat.Domain;
using SupportChat.Domain.Persistence;
using SupportChat.Protocol.Rules;
using SupportChat.Storage.Accounts;
using SupportChat.Storage.Postgres;
using SupportChat.Storage.Sqlite;

namespace SupportChat.Server.Admin;

/// <summary>
/// Agent and admin accounts for `supportchat agents …` and `supportchat admin token`: managed on the store directly,
/// whether a server is running on it or not, with the rules the server applies to what it reads back. Every failure
/// is an <see cref="AdminException"/> that says what went wrong in words for the operator.
/// </summary>
public sealed class AccountAdministration : IAsyncDisposable
{
    private readonly IAccountStore _accounts;
    private readonly NpgsqlDataSource? _dataSource;

    private AccountAdministration(IAccountStore accounts, NpgsqlDataSource? dataSource, string location)
    {
        _accounts = accounts;
        _dataSource = dataSource;
        Location = location;
    }

    /// <summary>An agent's capacity when the account does not say.</summary>
    public const int DefaultCapacity = ChatLimits.DefaultCapacity;

    /// <summary>Where the accounts are, for messages: a data folder or a PostgreSQL database (never its password).</summary>
    public string Location { get; }

    /// <summary>The accounts in a single server's data folder (its SQLite file).</summary>
    public static AccountAdministration ForDataFolder(string dataDirectory) =>
        new(new SqliteAccounts(new SqliteStoreOptions { DataDirectory = dataDirectory }), null, Path.GetFullPath(dataDirectory));

    /// <summary>The accounts in a data folder a server has used: a missing store (a mistyped folder, most likely) is an
    /// error, and nothing is created.</summary>
    /// <exception cref="AdminException">StoreUnavailable when the folder holds no store.</exception>
    public static AccountAdministration ForExistingDataFolder(string dataDirectory)
    {
        var options = new SqliteStoreOptions { DataDirectory = dataDirectory };
        if (!File.Exists(options.DatabasePath))
        {
            throw new AdminException(AdminFailure.StoreUnavailable,
                $"no SupportChat data in {Path.GetFullPath(dataDirectory)} (no {options.FileName}): check --data; it is the folder given to 'supportchat serve --data'.");
        }

        return ForDataFolder(dataDirectory);
    }

    /// <summary>The accounts of a cluster, in its PostgreSQL database.</summary>
    public static AccountAdministration ForPostgres(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return new(new PostgresAccounts(dataSource), dataSource, PostgresConnectionStrings.Describe(connectionString));
    }

    /// <summary>The id an agent signing in by this name gets (accounts are keyed by it).</summary>
    public static string AgentIdOf(string name) => Ids.AgentIdFromName(name);

    /// <summary>Creates an agent account; the token comes back once and is not stored.</summary>
    public Task<NewAccount> AddAgentAsync(string name, IReadOnlyList<string> departments, int capacity, string? title,
        CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var validName = CommandRules.Name(name);
            var account = new Account(Ids.AgentIdFromName(validName), AccountRole.Agent, validName, AccountRules.Departments(departments),
                CommandRules.Capacity(capacity), title is { Length: > 0 } t ? CommandRules.Name(t, "title") : string.Empty, DateTimeOffset.UtcNow);
            var token = await _accounts.AddAsync(account, cancellationToken);
            return new NewAccount(AgentAccountInfo.Of(account), token);
        });

    /// <summary>Creates an admin token (an admin sees all history).</summary>
    public Task<string> CreateAdminTokenAsync(CancellationToken cancellationToken) =>
        RunAsync(() => _accounts.AddAsync(
            new Account($"admin-{Guid.NewGuid():N}"[..14], AccountRole.Admin, "admin", [], 0, string.Empty, DateTimeOffset.UtcNow), cancellationToken));

    /// <summary>Every agent account, by name.</summary>
    public Task<IReadOnlyList<AgentAccountInfo>> ListAgentsAsync(CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<AgentAccountInfo>>(async () =>
            [.. (await _accounts.ListAsync(AccountRole.Agent, cancellationToken)).Select(AgentAccountInfo.Of)]);

    /// <summary>Removes an agent account; its token stops working at once. False when there was none.</summary>
    public Task<bool> RemoveAgentAsync(string name, CancellationToken cancellationToken) =>
        RunAsync(() => _accounts.RemoveAsync(AgentIdOf(name), AccountRole.Agent, cancellationToken));

    /// <summary>A new token for an agent (the old one stops working); null when there is no such account.</summary>
    public Task<string?> ResetAgentTokenAsync(string name, CancellationToken cancellationToken) =>
        RunAsync(() => _accounts.ResetTokenAsync(AgentIdOf(name), AccountRole.Agent, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (InvalidCommandException ex)
        {
            throw new AdminException(AdminFailure.BadInput, ex.Message);
        }
        catch (StoreConflictException ex)
        {
            throw new AdminException(AdminFailure.Conflict, ex.Message);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            throw new AdminException(AdminFailure.StoreUnavailable, $"cannot open the accounts in {Location}: {ex.Message}");
        }
    }
}
