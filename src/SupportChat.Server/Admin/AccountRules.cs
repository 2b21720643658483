using SupportChat.Protocol.Rules;

namespace SupportChat.Server.Admin;

/// <summary>What an account may hold beyond what a hello may: its list of departments.</summary>
internal static class AccountRules
{
    /// <summary>The distinct departments named (each entry may itself be a comma-separated list).</summary>
    public static List<string> Departments(IEnumerable<string> given)
    {
        var names = given.SelectMany(d => d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        foreach (var bad in names.Where(n => !CommandRules.IsDepartmentName(n)))
        {
            throw new InvalidCommandException($"department '{bad}' is not valid: use 1-50 letters, digits, '-' or '_'.");
        }

        return names;
    }
}
