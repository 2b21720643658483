using SupportChat.Domain;
using SupportChat.Server.Configuration;
using SupportChat.Storage.Accounts;

namespace SupportChat.Server.Security;

/// <summary>What history and the admin calls decide alike about a caller's bearer token.</summary>
internal static class CallerAccounts
{
    /// <summary>Open mode (the quick start): a loopback-only server with no account at all lets anyone on this machine in
    /// without a token.</summary>
    public static async Task<bool> OpenModeAsync(IAccountStore accounts, ListenFacts listen, CancellationToken cancellationToken) =>
        listen.LoopbackOnly
        && !await accounts.AnyAsync(AccountRole.Agent, cancellationToken)
        && !await accounts.AnyAsync(AccountRole.Admin, cancellationToken);

    /// <summary>The account a token belongs to; Unauthenticated when none does.</summary>
    public static async Task<Account> FindAsync(IAccountStore accounts, string token, CancellationToken cancellationToken) =>
        await accounts.FindByTokenAsync(token, cancellationToken)
        ?? throw ChatException.Unauthenticated("the token is not valid: it was mistyped, reset or its account removed.");
}
