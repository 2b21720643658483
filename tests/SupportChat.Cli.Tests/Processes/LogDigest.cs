namespace SupportChat.Cli.Tests.Processes;

/// <summary>
/// The few lines of a failure that say why, put first in its message: a CI log shows a failed test's message from
/// the top and may cut it, and the full logs of three nodes and two clients run to hundreds of lines.
/// </summary>
internal static class LogDigest
{
    private const int EntriesPerLog = 12;
    private const int LinesPerClient = 4;
    private const int MaxEntryLength = 300;

    /// <summary>The last entries of a server's console log that are warnings or worse, or that tell of the cluster
    /// (a node lost, a refresh, a recovery), one line each ("warn: Category[id] message").</summary>
    public static string OfServer(string log)
    {
        var entries = new List<string>();
        var lines = log.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var header = lines[i].TrimEnd('\r');
            var level = header.Length >= 5 ? header[..5] : string.Empty;
            if (level is not ("info:" or "warn:" or "fail:" or "crit:"))
            {
                if (header.StartsWith("--- killed", StringComparison.Ordinal))
                {
                    entries.Add(header);
                }

                continue;
            }

            var message = i + 1 < lines.Length ? lines[i + 1].Trim() : string.Empty;
            if (message.StartsWith("Open mode:", StringComparison.Ordinal))
            {
                continue; // every test server says it
            }

            if (level != "info:" || message.Contains("lost", StringComparison.OrdinalIgnoreCase)
                || message.Contains("refresh", StringComparison.OrdinalIgnoreCase) || message.Contains("recover", StringComparison.OrdinalIgnoreCase))
            {
                entries.Add(Truncate($"{header} {message}"));
            }
        }

        return Last(entries);
    }

    /// <summary>The last lines a client printed, and whatever it said on standard error.</summary>
    public static string OfClient(IReadOnlyList<string> lines, string errors) =>
        Last([.. lines.TakeLast(LinesPerClient).Select(Truncate)]) + (errors.Length > 0 ? $"\n  stderr: {Truncate(errors.ReplaceLineEndings(" / "))}" : string.Empty);

    private static string Last(List<string> entries) =>
        entries.Count == 0 ? "  (nothing)" : string.Join('\n', entries.TakeLast(EntriesPerLog).Select(e => "  " + e));

    private static string Truncate(string text) => text.Length <= MaxEntryLength ? text : text[..MaxEntryLength] + "…";
}
