namespace SupportChat.Storage.Accounts;

/// <summary>Who a secret token belongs to.</summary>
public enum AccountRole
{
    Agent,
    Admin,
}

/// <summary>A registered agent (or an admin). Only a hash of its token is stored.</summary>
public sealed record Account(
    string Id,
    AccountRole Role,
    string Name,
    IReadOnlyList<string> Departments,
    int Capacity,
    string Title,
    DateTimeOffset CreatedAt);
