using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Server.Hosting;
using SupportChat.Storage.Accounts;

namespace SupportChat.Server.Security;

/// <summary>
/// Who is reading history, from the bearer token only: an admin sees everything; an agent sees the
/// conversations it took part in and those of its departments. Without any account, on a loopback-only
/// server (the quick start), everyone on this machine sees everything.
/// </summary>
internal sealed class HistoryViewer
{
    private readonly Account? _account;

    private HistoryViewer(Account? account) => _account = account;

    public bool SeesEverything => _account is null || _account.Role == AccountRole.Admin;

    public static async Task<HistoryViewer> IdentifyAsync(ServerCallContext context, SqliteAccounts accounts, ListenFacts listen)
    {
        var token = AgentAuthenticator.BearerToken(context);
        if (token is null)
        {
            if (listen.LoopbackOnly
                && !await accounts.AnyAsync(AccountRole.Agent, context.CancellationToken)
                && !await accounts.AnyAsync(AccountRole.Admin, context.CancellationToken))
            {
                return new HistoryViewer(null);
            }

            throw ChatException.Unauthenticated("history needs an agent or admin token (--token or SUPPORTCHAT_TOKEN).");
        }

        var account = await accounts.FindByTokenAsync(token, context.CancellationToken)
            ?? throw ChatException.Unauthenticated("the token is not valid: it was mistyped, reset or its account removed.");
        return new HistoryViewer(account);
    }

    public bool MaySee(ConversationRecord conversation) =>
        SeesEverything
        || conversation.Agents.Contains(_account!.Name, StringComparer.Ordinal)
        || _account.Departments.Contains(conversation.Department, StringComparer.Ordinal);
}
