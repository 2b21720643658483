using System.Globalization;
using System.Text.Json;
using SupportChat.Domain.Events;
using SupportChat.Server.Events;

namespace SupportChat.Server.Webhooks;

/// <summary>The JSON body of a delivery: <c>{"cursor":N,"kind":"…","at":"ISO-8601 UTC","fields":{…}}</c>, the fields
/// that are set under their snake_case names (the same as <c>admin events --json</c>).</summary>
internal static class WebhookJson
{
    public static byte[] Body(ChatEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("cursor", e.Cursor);
            json.WriteString("kind", e.Kind);
            json.WriteString("at", e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("fields");
            foreach (var (name, value) in EventFields.Of(e))
            {
                if (value is int number)
                {
                    json.WriteNumber(name, number);
                }
                else
                {
                    json.WriteString(name, (string)value);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
