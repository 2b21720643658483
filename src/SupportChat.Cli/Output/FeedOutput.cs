using System.Globalization;
using System.Text.Json.Nodes;
using SupportChat.Client.Feed;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Output;

/// <summary>
/// How <c>admin events</c> prints an event. JSON: <c>{"cursor":N,"kind":"…","at":"ISO-8601 UTC","fields":{…}}</c>, the
/// fields that are set under their snake_case names — the same body webhooks receive. Plain: the cursor, the time, the
/// kind, then <c>name=value</c> for each field, text from people shown with control characters made visible.
/// </summary>
internal static class FeedOutput
{
    public static void Write(FeedEvent e, bool json)
    {
        if (json)
        {
            var fields = new JsonObject();
            foreach (var (name, value) in Fields(e))
            {
                fields[name] = value is int number ? JsonValue.Create(number) : JsonValue.Create((string)value);
            }

            JsonLines.Write(new JsonObject { ["cursor"] = e.Cursor, ["kind"] = e.Kind, ["at"] = JsonLines.At(e.At), ["fields"] = fields });
            return;
        }

        var line = string.Join(' ', Fields(e).Select(f => $"{f.Name}={Plain(f.Value)}"));
        Console.Out.WriteLine($"{e.Cursor} {JsonLines.At(e.At)} {e.Kind}{(line.Length > 0 ? " " + line : string.Empty)}");
        Console.Out.Flush();
    }

    /// <summary>The fields that are set, in the order the server's webhooks write them.</summary>
    public static IEnumerable<(string Name, object Value)> Fields(FeedEvent e)
    {
        (string, object?)[] all =
        [
            ("conversation_id", e.ConversationId), ("department", e.Department), ("from_department", e.FromDepartment), ("agent_id", e.AgentId),
            ("agent_name", e.AgentName), ("customer_id", e.CustomerId), ("customer_name", e.CustomerName), ("status", e.Status),
            ("ended_by", e.EndedBy), ("score", e.Score), ("reason", e.Reason),
        ];
        return all.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));
    }

    /// <summary>A value on a plain line: quoted when it has spaces (names, reasons), control characters made visible.</summary>
    private static string Plain(object value)
    {
        if (value is int number)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        var text = VisibleText.OneLine((string)value);
        return text.Contains(' ') || text.Contains('"') || text.Length == 0 ? $"\"{text.Replace("\"", "\\\"")}\"" : text;
    }
}
