using SupportChat.Domain.Persistence;
using SupportChat.Storage.Accounts;
using SupportChat.Storage.Postgres;

namespace SupportChat.Storage.Tests;

/// <summary>Accounts and the session key in PostgreSQL, each test in a schema of its own; a second instance on the
/// same schema stands for another node (or the `agents` command) seeing the same rows.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAccountsTests(PostgresDatabase database) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TempSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await database.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task An_account_added_through_one_node_signs_in_on_another_until_its_token_is_reset_or_it_is_removed()
    {
        var first = new PostgresAccounts(_schema.DataSource);
        var second = new PostgresAccounts(_schema.DataSource);
        var ada = new Account("ada", AccountRole.Agent, "Ada", ["billing", "general"], 4, "Engineer", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));

        var token = await first.AddAsync(ada, None);

        Assert.True(await second.AnyAsync(AccountRole.Agent, None));
        Assert.False(await second.AnyAsync(AccountRole.Admin, None));
        var found = await second.FindByTokenAsync(token, None);
        Assert.NotNull(found);
        Assert.Equal((ada.Id, ada.Role, ada.Name, ada.Capacity, ada.Title, ada.CreatedAt), (found.Id, found.Role, found.Name, found.Capacity, found.Title, found.CreatedAt));
        Assert.Equal(ada.Departments, found.Departments);
        Assert.Equal(["ada"], (await second.ListAsync(AccountRole.Agent, None)).Select(a => a.Id));

        var newToken = await second.ResetTokenAsync("ada", AccountRole.Agent, None);
        Assert.NotNull(newToken);
        Assert.Null(await first.FindByTokenAsync(token, None));
        Assert.Equal("ada", (await first.FindByTokenAsync(newToken, None))?.Id);

        Assert.True(await first.RemoveAsync("ada", AccountRole.Agent, None));
        Assert.Null(await second.FindByTokenAsync(newToken, None));
        Assert.False(await second.RemoveAsync("ada", AccountRole.Agent, None));
        Assert.Null(await second.ResetTokenAsync("ada", AccountRole.Agent, None));
    }

    [Fact]
    public async Task A_second_account_of_the_same_id_is_a_conflict_and_malformed_tokens_find_nobody()
    {
        var accounts = new PostgresAccounts(_schema.DataSource);
        var ada = new Account("ada", AccountRole.Agent, "Ada", [], 3, string.Empty, DateTimeOffset.UtcNow);
        await accounts.AddAsync(ada, None);

        await Assert.ThrowsAsync<StoreConflictException>(() => accounts.AddAsync(ada with { Name = "ADA" }, None));
        Assert.Null(await accounts.FindByTokenAsync("not-a-token", None));
        Assert.Null(await accounts.FindByTokenAsync(AccountTokens.NewToken(), None));
    }

    [Fact]
    public async Task Nodes_asking_for_the_session_key_at_once_all_get_the_same_one()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => new PostgresSecretStore(_schema.DataSource).GetOrCreateAsync("session", 32, None)));

        Assert.Equal(32, keys[0].Length);
        Assert.All(keys, k => Assert.Equal(keys[0], k));
    }
}
