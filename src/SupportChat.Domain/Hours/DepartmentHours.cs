namespace SupportChat.Domain.Hours;

/// <summary>Opening hours per department (names compared case-insensitively, as departments are). A department
/// without hours is always open.</summary>
public sealed class DepartmentHours
{
    private readonly Dictionary<string, OpeningHours> _byDepartment;

    private DepartmentHours(Dictionary<string, OpeningHours> byDepartment) => _byDepartment = byDepartment;

    public static DepartmentHours None { get; } = new(new(StringComparer.OrdinalIgnoreCase));

    public IReadOnlyCollection<string> Departments => _byDepartment.Keys;

    /// <summary>The hours of a department, or null when it is always open.</summary>
    public OpeningHours? For(string department) => _byDepartment.GetValueOrDefault(department);

    /// <summary>From configuration: department → hours text. Throws <see cref="HoursFormatException"/> naming the
    /// department and the bad part.</summary>
    public static DepartmentHours From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var map = new Dictionary<string, OpeningHours>(StringComparer.OrdinalIgnoreCase);
        foreach (var (department, text) in entries)
        {
            if (string.IsNullOrWhiteSpace(department))
            {
                throw new HoursFormatException($"hours '{text}' name no department: write DEPARTMENT=HOURS.");
            }

            if (map.ContainsKey(department.Trim()))
            {
                throw new HoursFormatException($"department '{department.Trim()}' has hours twice: give all its ranges in one entry.");
            }

            try
            {
                map[department.Trim()] = OpeningHours.Parse(text);
            }
            catch (HoursFormatException ex)
            {
                throw new HoursFormatException($"hours of '{department.Trim()}': {ex.Message}");
            }
        }

        return new DepartmentHours(map);
    }

    /// <summary>The command-line form: <c>billing=Mon-Fri 09:00-17:00 Europe/Amsterdam;sales=…</c>, several
    /// values of the option joined.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SplitOption(IEnumerable<string> values)
    {
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var entry in values.SelectMany(v => v.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new HoursFormatException($"'{entry}' names no department: write DEPARTMENT=HOURS, e.g. 'billing=Mon-Fri 09:00-17:00 Europe/Amsterdam'.");
            }

            entries.Add(new(entry[..equals].Trim(), entry[(equals + 1)..].Trim()));
        }

        return entries;
    }
}
