using SupportChat.Domain.Persistence;

namespace SupportChat.Storage.Accounts;

/// <summary>Agent and admin accounts: in the SQLite file of a single server, or in PostgreSQL for a cluster.</summary>
public interface IAccountStore
{
    /// <summary>Adds an account with a new token; returns the token (it is not stored, only its hash).</summary>
    /// <exception cref="StoreConflictException">An account with the same id (name) exists.</exception>
    Task<string> AddAsync(Account account, CancellationToken cancellationToken);

    Task<IReadOnlyList<Account>> ListAsync(AccountRole role, CancellationToken cancellationToken);

    Task<bool> AnyAsync(AccountRole role, CancellationToken cancellationToken);

    /// <summary>The account a token belongs to, or null.</summary>
    Task<Account?> FindByTokenAsync(string token, CancellationToken cancellationToken);

    /// <summary>Removes an account; its token stops working at once. False when there was none.</summary>
    Task<bool> RemoveAsync(string id, AccountRole role, CancellationToken cancellationToken);

    /// <summary>Gives an account a new token (the old one stops working); null when there is no such account.</summary>
    Task<string?> ResetTokenAsync(string id, AccountRole role, CancellationToken cancellationToken);
}
