using SupportChat.Storage.Accounts;
using SupportChat.Storage.Secrets;

namespace SupportChat.Server.Tests.Fakes;

/// <summary>A fixed session-token key.</summary>
internal sealed class FixedSecretStore : ISecretStore
{
    public Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken) =>
        Task.FromResult(Enumerable.Repeat((byte)7, length).ToArray());

    public Task DeleteAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>No accounts at all: on loopback, agents sign in by name (open mode).</summary>
internal sealed class NoAccounts : IAccountStore
{
    public Task<bool> AnyAsync(AccountRole role, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<Account?> FindByTokenAsync(string token, CancellationToken cancellationToken) => Task.FromResult<Account?>(null);

    public Task<string> AddAsync(Account account, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Account>> ListAsync(AccountRole role, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RemoveAsync(string id, AccountRole role, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string?> ResetTokenAsync(string id, AccountRole role, CancellationToken cancellationToken) => throw new NotSupportedException();
}
