using SupportChat.Domain.Hours;

namespace SupportChat.Server.Configuration;

/// <summary><c>serve --hours</c>: the command line's form of <c>Chat:Hours</c> (the CLI does not reach into the
/// domain, so the reading lives here).</summary>
public static class HoursArguments
{
    /// <summary>Null when the values read well and name only offered departments; else what is wrong.</summary>
    public static string? Problem(IReadOnlyList<string> values, IReadOnlyList<string> offeredDepartments)
    {
        try
        {
            var schedule = DepartmentHours.From(DepartmentHours.SplitOption(values));
            var unknown = schedule.Departments.FirstOrDefault(d => !offeredDepartments.Contains(d, StringComparer.OrdinalIgnoreCase));
            return unknown is null ? null : $"department '{unknown}' is not served (departments: {string.Join(", ", offeredDepartments)}).";
        }
        catch (HoursFormatException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The configuration keys the values set: <c>Chat:Hours:DEPARTMENT</c> = hours.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(IReadOnlyList<string> values) =>
        DepartmentHours.SplitOption(values).Select(e => new KeyValuePair<string, string?>($"Chat:Hours:{e.Key}", e.Value));
}
