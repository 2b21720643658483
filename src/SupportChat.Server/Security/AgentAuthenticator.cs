using Grpc.Core;
using Microsoft.Extensions.Options;
using SupportChat.Domain;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Storage.Accounts;

namespace SupportChat.Server.Security;

/// <summary>
/// Decides who an agent stream belongs to. With agent accounts, identity, name and departments come from the
/// account the bearer token names, never from the hello. Without any account, and only while the server
/// listens on loopback alone, agents sign in by name (the quick start's "open mode").
/// </summary>
internal sealed class AgentAuthenticator(IAccountStore accounts, ListenFacts listen, DepartmentCatalog departments,
    IOptions<ChatOptions> options)
{
    public async Task<AgentProfile> AuthenticateAsync(AgentHello hello, ServerCallContext context)
    {
        var token = BearerToken(context);
        if (token is null)
        {
            if (await accounts.AnyAsync(AccountRole.Agent, context.CancellationToken))
            {
                throw ChatException.Unauthenticated("this server uses agent accounts: sign in with your token (--token or SUPPORTCHAT_TOKEN).");
            }

            if (!listen.LoopbackOnly)
            {
                throw ChatException.Unauthenticated(
                    "agents must sign in with a token on a server other machines can reach, and no agent account exists yet: create one with 'supportchat agents add'.");
            }

            return FromHello(hello);
        }

        var account = await accounts.FindByTokenAsync(token, context.CancellationToken)
            ?? throw ChatException.Unauthenticated("the token is not valid: it was mistyped, reset or its account removed.");
        if (account.Role != AccountRole.Agent)
        {
            throw ChatException.PermissionDenied("an admin token cannot sign in as an agent.");
        }

        // Matched as a hello's departments are, without regard to case; the ones this server does not offer are left out.
        var served = departments.All.Where(d => account.Departments.Contains(d, StringComparer.OrdinalIgnoreCase)).ToList();
        if (served.Count == 0)
        {
            served = account.Departments.Count == 0 ? [departments.Default] : served;
        }

        if (served.Count == 0)
        {
            throw ChatException.FailedPrecondition(
                $"none of your account's departments ({string.Join(", ", account.Departments)}) is offered by this server ({string.Join(", ", departments.All)}): " +
                "ask an administrator to add your account again with one of them ('supportchat agents remove', then 'agents add --department').");
        }

        var capacity = hello.Capacity == 0 ? account.Capacity : Math.Min(CommandRules.Capacity(hello.Capacity), account.Capacity);
        return new AgentProfile(account.Id, account.Name, account.Title, served, capacity);
    }

    /// <summary>The bearer token of a call, or null when there is none; a malformed header is refused.</summary>
    public static string? BearerToken(ServerCallContext context)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null)
        {
            return null;
        }

        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : throw ChatException.Unauthenticated("the authorization header must be 'Bearer <token>'.");
    }

    private AgentProfile FromHello(AgentHello hello)
    {
        var name = CommandRules.Name(hello.Name);
        var title = hello.Title.Length == 0 ? string.Empty : CommandRules.Name(hello.Title, "title");
        var chosen = hello.Departments.Count == 0
            ? [departments.Default]
            : hello.Departments.Select(departments.Resolve).Distinct().ToList();
        var capacity = hello.Capacity == 0 ? options.Value.DefaultCapacity : CommandRules.Capacity(hello.Capacity);
        return new AgentProfile(Ids.AgentIdFromName(name), name, title, chosen, capacity);
    }
}
