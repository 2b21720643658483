using SupportChat.Storage.Accounts;
using SupportChat.Storage.Postgres;

namespace SupportChat.Storage.Tests;

/// <summary>Accounts and the session key in PostgreSQL, each test in a schema of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAccountsTests(PostgresDatabase database) : AccountStoreTests
{
    private TempSchema _schema = null!;

    public override async Task InitializeAsync() => _schema = await database.CreateSchemaAsync();

    public override async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Nodes_asking_for_the_session_key_at_once_all_get_the_same_one()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => new PostgresSecretStore(_schema.DataSource).GetOrCreateAsync("session", 32, None)));

        Assert.Equal(32, keys[0].Length);
        Assert.All(keys, k => Assert.Equal(keys[0], k));
    }

    protected override IAccountStore CreateAccounts() => new PostgresAccounts(_schema.DataSource);
}
