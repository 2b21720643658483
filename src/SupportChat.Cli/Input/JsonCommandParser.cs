using System.Text.Json;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Input;

/// <summary>Parses one stdin line of <c>--json</c> mode, e.g. {"type":"send","text":"hi","conversation":"c…"}.</summary>
internal static class JsonCommandParser
{
    public static InputCommand Parse(string line, bool isAgent)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            // System.Text.Json's own words ("'x' is an invalid JSON literal. Expected the literal 'null'. LineNumber: 0 |
            // BytePositionInLine: 1.") guess at what was meant; say what a command looks like instead.
            return new InvalidInput("not a JSON object: a command is one JSON object per line, like {\"type\":\"send\",\"text\":\"hello\"}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new InvalidInput("a command must be a JSON object with a \"type\".");
            }

            if (!TryString(root, "type", out var type) || type is null)
            {
                return new InvalidInput("a command needs a string \"type\": send, end, typing" + (isAgent ? ", transfer or status." : "."));
            }

            if (!TryString(root, "conversation", out var conversation))
            {
                return new InvalidInput("\"conversation\" must be a string.");
            }

            return type switch
            {
                "send" => Send(root, conversation),
                "end" => new EndInput(conversation),
                "typing" => new TypingInput(conversation),
                "transfer" when isAgent => Transfer(root, conversation),
                "status" when isAgent => Status(root),
                "note" when isAgent => Note(root, conversation),
                "transfer" or "status" or "note" => new InvalidInput($"\"{type}\" is for agents only."),
                _ => new InvalidInput($"unknown command type \"{type}\"; expected send, end, typing" + (isAgent ? ", transfer, note or status." : ".")),
            };
        }
    }

    private static InputCommand Send(JsonElement root, string? conversation) =>
        TryString(root, "text", out var text) && text is not null
            ? new SendInput(conversation, text)
            : new InvalidInput("\"send\" needs a string \"text\".");

    /// <summary>To a department or (issue 21) to a named agent, with an optional "note".</summary>
    private static InputCommand Transfer(JsonElement root, string? conversation)
    {
        if (!TryString(root, "department", out var department) || !TryString(root, "agent", out var agent) || !TryString(root, "note", out var note))
        {
            return new InvalidInput("\"department\", \"agent\" and \"note\" must be strings.");
        }

        var toDepartment = !string.IsNullOrWhiteSpace(department);
        var toAgent = !string.IsNullOrWhiteSpace(agent);
        return (toDepartment, toAgent) switch
        {
            (true, false) => new TransferInput(conversation, department!, note ?? string.Empty),
            (false, true) => new HandoverInput(conversation, agent!, note ?? string.Empty),
            (true, true) => new InvalidInput("\"transfer\" takes a \"department\" or an \"agent\", not both."),
            _ => new InvalidInput("\"transfer\" needs a string \"department\" or \"agent\"."),
        };
    }

    /// <summary>Issue 21: {"type":"note","conversation":"ID","text":"…"}.</summary>
    private static InputCommand Note(JsonElement root, string? conversation) =>
        TryString(root, "text", out var text) && !string.IsNullOrWhiteSpace(text)
            ? new NoteInput(conversation, text)
            : new InvalidInput("\"note\" needs a string \"text\".");

    private static InputCommand Status(JsonElement root)
    {
        if (!TryString(root, "status", out var status) || status is not ("available" or "away"))
        {
            return new InvalidInput("\"status\" needs \"status\": \"available\" or \"away\".");
        }

        int? capacity = null;
        if (root.TryGetProperty("capacity", out var value))
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var parsed) || parsed < 1)
            {
                return new InvalidInput("\"capacity\" must be a whole number from 1 to 100.");
            }

            capacity = parsed;
        }

        return new StatusInput(status == "away" ? AgentAvailability.Away : AgentAvailability.Available, capacity);
    }

    /// <summary>False when the property exists but is not a string (or null); a missing one gives null.</summary>
    private static bool TryString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return true;
    }
}
