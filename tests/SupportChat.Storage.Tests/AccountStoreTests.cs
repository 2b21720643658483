using SupportChat.Domain.Persistence;
using SupportChat.Storage.Accounts;

namespace SupportChat.Storage.Tests;

/// <summary>
/// What both account stores promise, run against each on a database of the test's own
/// (<see cref="SqliteAccountsTests"/>, <see cref="PostgresAccountsTests"/>). A second instance on the same database
/// stands for another node, or the `agents` command beside a running server, seeing the same rows.
/// </summary>
public abstract class AccountStoreTests : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task An_account_added_through_one_node_signs_in_on_another_until_its_token_is_reset_or_it_is_removed()
    {
        var first = CreateAccounts();
        var second = CreateAccounts();
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
        var accounts = CreateAccounts();
        var ada = new Account("ada", AccountRole.Agent, "Ada", [], 3, string.Empty, DateTimeOffset.UtcNow);
        await accounts.AddAsync(ada, None);

        await Assert.ThrowsAsync<StoreConflictException>(() => accounts.AddAsync(ada with { Name = "ADA" }, None));
        Assert.Null(await accounts.FindByTokenAsync("not-a-token", None));
        Assert.Null(await accounts.FindByTokenAsync(AccountTokens.NewToken(), None));
        Assert.Empty((await accounts.ListAsync(AccountRole.Agent, None)).Single().Departments);
    }

    [Fact]
    public async Task Lists_are_by_role_in_name_order()
    {
        var accounts = CreateAccounts();
        foreach (var (id, role) in new[] { ("grace", AccountRole.Agent), ("root", AccountRole.Admin), ("ada", AccountRole.Agent) })
        {
            await accounts.AddAsync(new Account(id, role, char.ToUpperInvariant(id[0]) + id[1..], ["general"], 2, string.Empty, DateTimeOffset.UtcNow), None);
        }

        Assert.Equal(["ada", "grace"], (await accounts.ListAsync(AccountRole.Agent, None)).Select(a => a.Id));
        Assert.Equal(["root"], (await accounts.ListAsync(AccountRole.Admin, None)).Select(a => a.Id));
        Assert.False(await accounts.RemoveAsync("root", AccountRole.Agent, None));
    }

    /// <summary>An account store over this test's database.</summary>
    protected abstract IAccountStore CreateAccounts();
}
