using System.Text.Encodings.Web;
using Microsoft.Extensions.Logging.Console;

namespace SupportChat.Server.Hosting;

/// <summary>
/// The log's shape, from "Logging:Format" (`serve --log-format`): text (the default), one readable line per event on
/// standard error, as always; or json, one JSON object per line on standard output for a log shipper, from .NET's
/// built-in JSON console formatter: the event's named fields (ConversationId, ParticipantId, …) are properties of its
/// "State", the timestamp is UTC ISO-8601.
/// </summary>
internal static class LogFormat
{
    public const string Key = "Logging:Format";

    public static readonly string[] Names = ["text", "json"];

    public static void AddSupportChatLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[Key] is { Length: > 0 } named ? named.Trim().ToLowerInvariant() : "text";
        if (!Names.Contains(format))
        {
            throw new InvalidOperationException($"{Key} must be text or json, not '{builder.Configuration[Key]}'.");
        }

        if (format == "json")
        {
            // Standard output: what a container runtime or a shipper collects; nothing else of serve's writes there.
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                // Logs are not HTML: "Ctrl+C" and "don't" stay readable instead of becoming \u002B and \u0027.
                o.JsonWriterOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.None);
            return;
        }

        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
