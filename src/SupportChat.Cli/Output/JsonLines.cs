using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Output;

/// <summary>Writes one JSON object per line to stdout; the only thing that writes to stdout in --json mode.</summary>
internal static class JsonLines
{
    /// <summary>The one set of options every JSON line of the CLI is written with (UTF-8 as is, see
    /// <see cref="TerminalSafeJsonEncoder"/>).</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = TerminalSafeJsonEncoder.Instance };
    private static readonly Lock Gate = new();

    public static void Write(JsonObject line)
    {
        var text = Format(line);
        lock (Gate)
        {
            Console.Out.WriteLine(text);
            Console.Out.Flush();
        }
    }

    public static string Format(JsonObject line) => line.ToJsonString(Options);

    public static string At(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Role(SenderRole role) => role switch
    {
        SenderRole.Agent => "agent",
        SenderRole.System => "system",
        _ => "customer",
    };

    public static string By(EndedBy by) => by switch
    {
        EndedBy.Agent => "agent",
        EndedBy.Customer => "customer",
        _ => "system",
    };
}
