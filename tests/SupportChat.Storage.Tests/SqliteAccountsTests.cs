using Microsoft.Data.Sqlite;
using SupportChat.Storage.Accounts;
using SupportChat.Storage.Sqlite;

namespace SupportChat.Storage.Tests;

/// <summary>Accounts in a SQLite file in a fresh temporary folder (which the first call creates), deleted afterwards.</summary>
public sealed class SqliteAccountsTests : AccountStoreTests
{
    private readonly SqliteStoreOptions _options = new()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "supportchat-accounts-" + Guid.NewGuid().ToString("N")),
    };

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(SqliteFile.ConnectionString(_options)));
        Directory.Delete(_options.DataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    protected override IAccountStore CreateAccounts() => new SqliteAccounts(_options);
}
