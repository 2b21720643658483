using System.Globalization;
using System.Text.Json.Nodes;
using SupportChat.Cli.Output;
using SupportChat.Client.Board;

namespace SupportChat.Cli.Board;

/// <summary>The board as JSON lines (<c>admin watch --json</c>; the shape is in docs/cli.md).</summary>
internal static class BoardJson
{
    public static JsonObject Line(BoardEvent boardEvent) => boardEvent switch
    {
        BoardSnapshot s => new JsonObject
        {
            ["type"] = "snapshot",
            ["at"] = JsonLines.At(s.At),
            ["server"] = s.Server.ToString(),
            ["today"] = Today(s.Today),
            ["departments"] = new JsonArray([.. s.Departments.Select(d => (JsonNode)Department(d))]),
            ["agents"] = new JsonArray([.. s.Agents.Select(a => (JsonNode)Agent(a))]),
            ["conversations"] = new JsonArray([.. s.Conversations.Select(c => (JsonNode)Conversation(c))]),
        },
        DepartmentChanged d => Typed("department", Department(d.Department)),
        AgentChanged a => Typed("agent", Agent(a.Agent)),
        AgentRemoved a => new JsonObject { ["type"] = "agentRemoved", ["agentId"] = a.AgentId },
        ConversationChanged c => Typed("conversation", Conversation(c.Conversation)),
        ConversationRemoved c => new JsonObject { ["type"] = "conversationRemoved", ["conversation"] = c.ConversationId },
        TodayChanged t => Typed("today", Today(t.Today)),
        BoardConnectionLost lost => new JsonObject
        {
            ["type"] = "connectionLost",
            ["message"] = lost.Message,
            ["retryInMs"] = (long)lost.RetryIn.TotalMilliseconds,
        },
        _ => throw new InvalidOperationException($"unknown board event {boardEvent.GetType().Name}"),
    };

    private static JsonObject Typed(string type, JsonObject row)
    {
        var line = new JsonObject { ["type"] = type };
        foreach (var (key, value) in row.ToList())
        {
            row.Remove(key);
            line[key] = value;
        }

        return line;
    }

    private static JsonObject Department(BoardDepartment d) => new()
    {
        ["name"] = d.Name,
        ["waiting"] = d.Waiting,
        ["oldestWaitingSince"] = Time(d.OldestWaitingSince),
        ["agentsAvailable"] = d.AgentsAvailable,
        ["agentsAway"] = d.AgentsAway,
        ["seatsFree"] = d.SeatsFree,
    };

    private static JsonObject Agent(BoardAgent a) => new()
    {
        ["agentId"] = a.AgentId,
        ["name"] = a.Name,
        ["status"] = a.Status,
        ["departments"] = new JsonArray([.. a.Departments.Select(d => (JsonNode?)JsonValue.Create(d))]),
        ["open"] = a.Open,
        ["capacity"] = a.Capacity,
        ["idleSince"] = Time(a.IdleSince),
        ["longestUnansweredConversation"] = a.LongestUnansweredConversationId,
        ["longestUnansweredSince"] = Time(a.LongestUnansweredSince),
    };

    private static JsonObject Conversation(BoardConversation c) => new()
    {
        ["conversation"] = c.ConversationId,
        ["customer"] = c.Customer,
        ["agent"] = c.Agent,
        ["agentId"] = c.AgentId,
        ["department"] = c.Department,
        ["status"] = c.Status,
        ["started"] = JsonLines.At(c.StartedAt),
        ["queuedSince"] = Time(c.QueuedSince),
        ["unansweredSince"] = Time(c.UnansweredSince),
    };

    private static JsonObject Today(BoardToday t) => new()
    {
        ["day"] = t.Day,
        ["served"] = t.Served,
        ["abandoned"] = t.Abandoned,
        ["ratingAverage"] = JsonValue.Create(Math.Round(t.RatingAverage, 2)),
        ["ratingCount"] = t.RatingCount,
    };

    private static string? Time(DateTimeOffset? at) => at is { } value ? JsonLines.At(value) : null;

    /// <summary>For the plain lines: a figure as people read it.</summary>
    public static string Rating(BoardToday t) =>
        t.RatingCount == 0 ? "no ratings" : string.Create(CultureInfo.InvariantCulture, $"{t.RatingAverage:0.0}/5 ({t.RatingCount})");
}
