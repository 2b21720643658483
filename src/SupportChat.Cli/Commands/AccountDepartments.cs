namespace SupportChat.Cli.Commands;

/// <summary>
/// `agents add --department` against the departments the server offers. Those are `serve`'s configuration, which the
/// account commands cannot see (they work on the store, with the server running or not): given them with
/// --departments, a department that is not among them is refused; otherwise the operator is reminded once that the
/// server must offer it, since an agent none of whose departments the server offers cannot sign in.
/// </summary>
internal static class AccountDepartments
{
    /// <returns>False (and the reason on standard error) when a department is not among <paramref name="offered"/>.</returns>
    public static bool TryCheck(IReadOnlyList<string> requested, string? offered, out IReadOnlyList<string> chosen)
    {
        chosen = requested;
        if (requested.Count == 0)
        {
            return true;
        }

        if (offered is null)
        {
            Console.Error.WriteLine($"supportchat: note: the server must offer {string.Join(", ", requested)} ('serve --departments'), or this agent " +
                "cannot sign in; give the server's departments with --departments to have them checked here.");
            return true;
        }

        var known = offered.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var canonical = new List<string>();
        foreach (var department in requested)
        {
            // Matched as the server matches them, without regard to case; stored as the server spells them.
            if (known.FirstOrDefault(k => string.Equals(k, department.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } match)
            {
                Console.Error.WriteLine($"supportchat: '{department}' is not one of the server's departments ({string.Join(", ", known)}); " +
                    "give --department one of them, or check --departments.");
                return false;
            }

            canonical.Add(match);
        }

        chosen = canonical;
        return true;
    }
}
