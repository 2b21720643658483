using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Server.Configuration;
using SupportChat.Storage.Accounts;

namespace SupportChat.Server.Security;

/// <summary>
/// Who is reading history, from the bearer token only: an admin sees everything; an agent sees the
/// conversations it took part in and those of its departments; a customer (with its session token) sees its
/// own conversation. Without any account, on a loopback-only
/// server (the quick start), everyone on this machine sees everything.
/// </summary>
internal sealed class HistoryViewer
{
    private const string CustomerPrefix = "customer:";
    private readonly Account? _account;
    private readonly (string CustomerId, string ConversationId)? _customer;

    private HistoryViewer(Account? account, (string, string)? customer = null)
    {
        _account = account;
        _customer = customer;
    }

    public bool SeesEverything => _customer is null && (_account is null || _account.Role == AccountRole.Admin);

    public static async Task<HistoryViewer> IdentifyAsync(ServerCallContext context, IAccountStore accounts, ListenFacts listen, SessionTokens sessions)
    {
        var token = AgentAuthenticator.BearerToken(context);
        if (token is not null && token.StartsWith(CustomerPrefix, StringComparison.Ordinal))
        {
            // "customer:<customer id>:<conversation id>:<session token>": a customer reads its own conversation.
            var parts = token[CustomerPrefix.Length..].Split(':', 3);
            var problem = parts.Length == 3 ? sessions.Check(parts[0], parts[1], parts[2]) : "the customer token is malformed";
            return problem is null
                ? new HistoryViewer(null, (parts[0], parts[1]))
                : throw ChatException.Unauthenticated($"{problem}.");
        }

        if (token is null)
        {
            if (await CallerAccounts.OpenModeAsync(accounts, listen, context.CancellationToken))
            {
                return new HistoryViewer(null);
            }

            throw ChatException.Unauthenticated("history needs an agent or admin token (--token or SUPPORTCHAT_TOKEN).");
        }

        return new HistoryViewer(await CallerAccounts.FindAsync(accounts, token, context.CancellationToken));
    }

    public bool IsCustomer => _customer is not null;

    /// <summary>Whether this is the customer whose session token names that conversation.</summary>
    public bool IsCustomerOf(string conversationId) => _customer is { } customer && customer.ConversationId == conversationId;

    public bool MaySee(ConversationRecord conversation) =>
        _customer is { } customer
            ? conversation.Id == customer.ConversationId && conversation.CustomerId == customer.CustomerId
            : SeesEverything
        || conversation.Agents.Contains(_account!.Name, StringComparer.Ordinal)
        || _account.Departments.Contains(conversation.Department, StringComparer.Ordinal);
}
