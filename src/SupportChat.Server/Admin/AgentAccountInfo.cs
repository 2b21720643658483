using SupportChat.Storage.Accounts;

namespace SupportChat.Server.Admin;

/// <summary>An agent account as an operator sees it (never its token).</summary>
public sealed record AgentAccountInfo(string Id, string Name, string Title, IReadOnlyList<string> Departments, int Capacity, DateTimeOffset CreatedAt)
{
    internal static AgentAccountInfo Of(Account account) =>
        new(account.Id, account.Name, account.Title, account.Departments, account.Capacity, account.CreatedAt);
}

/// <summary>A new account and its token, which is shown once and never stored.</summary>
public sealed record NewAccount(AgentAccountInfo Account, string Token);
