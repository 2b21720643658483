namespace SupportChat.Client.Connection;

/// <summary>Parses <c>--server</c>: one URL or several separated by commas.</summary>
public static class ServerList
{
    /// <summary>The default server address.</summary>
    public const string Default = "http://127.0.0.1:5000";

    /// <summary>Parses and checks every address.</summary>
    /// <exception cref="ArgumentException">An address is empty, not absolute, or not http/https.</exception>
    public static IReadOnlyList<Uri> Parse(string servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var parts = servers.Split(',', StringSplitOptions.TrimEntries);
        var result = new List<Uri>(parts.Length);
        foreach (var part in parts)
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"'{part}' is not a server URL; expected e.g. {Default}.", nameof(servers));
            }

            result.Add(uri);
        }

        return result;
    }
}
