using System.Globalization;

namespace SupportChat.Domain.Hours;

/// <summary>What a customer is told when nobody can answer now: the department is closed (and when it opens), or
/// it is open but nobody of it is signed in.</summary>
public static class OfflineNotice
{
    private const string Leave = "leave a message and we'll answer here.";

    public static string Closed(OpeningHours hours, DateTimeOffset opensAt)
    {
        var local = hours.LocalTime(opensAt);
        var when = local.ToString("dddd HH:mm", CultureInfo.InvariantCulture);
        return $"We're offline until {when} ({hours.Zone.Id}); {Leave}";
    }

    public static string NobodySignedIn() => $"Nobody is signed in right now; {Leave}";
}
