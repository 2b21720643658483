using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Server.Configuration;
using SupportChat.Server.Mapping;
using SupportChat.Storage.Accounts;

namespace SupportChat.Server.Security;

/// <summary>
/// Who may call the team lead's and operator's calls (live view, event feed, webhooks, reports): an admin token; or,
/// on a loopback-only server with no account at all (the quick start), anyone on this machine, as for history.
/// </summary>
internal sealed class AdminAccess(IAccountStore accounts, ListenFacts listen)
{
    /// <summary>Returns when the caller is an admin; otherwise throws the RpcException to end the call with
    /// (Unauthenticated without a valid token, PermissionDenied for an agent's token).</summary>
    public async Task RequireAdminAsync(ServerCallContext context)
    {
        try
        {
            var token = AgentAuthenticator.BearerToken(context);
            if (token is null)
            {
                if (await CallerAccounts.OpenModeAsync(accounts, listen, context.CancellationToken))
                {
                    return;
                }

                throw ChatException.Unauthenticated("this needs an admin token (--token or SUPPORTCHAT_TOKEN; 'supportchat admin token' makes one).");
            }

            var account = await CallerAccounts.FindAsync(accounts, token, context.CancellationToken);
            if (account.Role != AccountRole.Admin)
            {
                throw ChatException.PermissionDenied($"{account.Name} is an agent: this needs an admin token.");
            }
        }
        catch (ChatException ex)
        {
            throw ChatErrors.ToRpcException(ex);
        }
    }
}
