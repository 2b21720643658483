using System.Text.Json.Nodes;
using SupportChat.Client.Canned;
using SupportChat.Client.Events;
using SupportChat.Client.History;

namespace SupportChat.Cli.Output;

/// <summary>The --json event shapes of the CLI contract. Events the contract does not name are not written.</summary>
internal static class JsonEvents
{
    public static JsonObject? ToJson(ChatEvent chatEvent) => chatEvent switch
    {
        AgentReady r => new JsonObject
        {
            ["type"] = "ready", ["name"] = r.Name, ["agent"] = r.AgentId,
            ["departments"] = new JsonArray([.. r.Departments.Select(d => (JsonNode?)d)]),
            ["capacity"] = r.Capacity, ["status"] = r.Status == AgentAvailability.Away ? "away" : "available",
            ["canned"] = Canned(r.CannedReplies),
        },
        CannedRepliesChanged c => new JsonObject { ["type"] = "canned", ["canned"] = Canned(c.Replies) },
        QueuePosition q => Queued(q),
        QueueLengthChanged l => new JsonObject
        {
            ["type"] = "queue_length", ["department"] = l.Department, ["waiting"] = l.Waiting, ["offline"] = l.Offline,
        },
        ConversationAssigned a => Assigned(a),
        MessageReceived m => Message(m, withType: true),
        NoteReceived n => Note(n, withType: true),
        TypingReceived t => new JsonObject { ["type"] = "typing", ["conversation"] = t.ConversationId, ["name"] = t.Name },
        ConversationEnded e => Ended(e),
        ServerError e => Error(e.Code, e.Message, e.ConversationId, e.ClientMsgId),
        _ => null,
    };

    /// <summary>The canned replies as [{"shortcut":…,"text":…}], placeholders as stored.</summary>
    private static JsonArray Canned(IReadOnlyList<CannedReply> replies) =>
        new([.. replies.Select(r => (JsonNode?)new JsonObject { ["shortcut"] = r.Shortcut, ["text"] = r.Text })]);

    public static JsonObject Error(string code, string message, string? conversation = null, string? clientMsgId = null)
    {
        var json = new JsonObject { ["type"] = "error", ["code"] = code, ["message"] = message };
        if (conversation is not null)
        {
            json["conversation"] = conversation;
        }

        if (clientMsgId is not null)
        {
            json["client_msg_id"] = clientMsgId;
        }

        return json;
    }

    public static JsonObject Message(MessageReceived m, bool withType)
    {
        var json = new JsonObject();
        if (withType)
        {
            json["type"] = "message";
        }

        json["conversation"] = m.ConversationId;
        json["seq"] = m.Seq;
        json["from"] = JsonLines.Role(m.From);
        json["name"] = m.SenderName;
        json["text"] = m.Text;
        json["at"] = JsonLines.At(m.SentAt);
        return json;
    }

    /// <summary>An extra field, "email", only when the customer gave one: scripts that know the contract see no change.</summary>
    private static JsonObject Assigned(ConversationAssigned a)
    {
        var json = new JsonObject
        {
            ["type"] = "assigned", ["conversation"] = a.ConversationId, ["agent"] = a.AgentName, ["customer"] = a.CustomerName,
            ["department"] = a.Department,
        };
        if (a.CustomerEmail.Length > 0)
        {
            json["email"] = a.CustomerEmail;
        }

        if (a.HandoverNote.Length > 0)
        {
            // Issue 21, agents only: the note this conversation was handed over with, to read first.
            json["handover_note"] = a.HandoverNote;
            json["handover_from"] = a.HandoverFrom;
        }

        return json;
    }

    /// <summary>Issue 21: a private note (agents only). "after_seq" places it after that message.</summary>
    public static JsonObject Note(NoteReceived n, bool withType)
    {
        var json = new JsonObject();
        if (withType)
        {
            json["type"] = "note";
        }

        json["conversation"] = n.ConversationId;
        if (!withType)
        {
            json["note"] = true; // history lines: what tells a note from a message
        }

        json["after_seq"] = n.AfterSeq;
        json["name"] = n.AuthorName;
        json["text"] = n.Text;
        json["at"] = JsonLines.At(n.WrittenAt);
        return json;
    }

    public static JsonObject Summary(ConversationSummary s)
    {
        var json = SummaryFields(s);
        if (s.CustomerEmail.Length > 0)
        {
            json["email"] = s.CustomerEmail; // only when there is one (an extra field of the contract)
        }

        return json;
    }

    private static JsonObject SummaryFields(ConversationSummary s) => new()
    {
        ["conversation"] = s.ConversationId,
        ["customer"] = s.CustomerName,
        ["agents"] = new JsonArray([.. s.Agents.Select(a => (JsonNode?)a)]),
        ["department"] = s.Department,
        ["started"] = JsonLines.At(s.StartedAt),
        ["ended"] = s.EndedAt is { } ended ? JsonLines.At(ended) : null,
        ["messages"] = s.MessageCount,
        ["rating"] = s.Rating,
        ["comment"] = s.Rating is null ? null : s.RatingComment,
    };

    private static JsonObject Queued(QueuePosition q)
    {
        var json = new JsonObject
        {
            ["type"] = "queued", ["position"] = q.Position, ["department"] = q.Department, ["conversation"] = q.ConversationId,
            ["no_agent_available"] = q.NoAgentAvailable,
        };
        if (q.EstimatedWait is { } wait)
        {
            json["estimated_wait_seconds"] = (int)Math.Ceiling(wait.TotalSeconds);
        }

        if (q.Offline)
        {
            json["offline"] = true;
            json["open_at"] = q.OpenAt is { } openAt ? JsonLines.At(openAt) : null;
            json["message"] = q.OfflineMessage;
        }

        return json;
    }

    private static JsonObject Ended(ConversationEnded e)
    {
        var json = new JsonObject { ["type"] = "ended", ["conversation"] = e.ConversationId, ["by"] = JsonLines.By(e.By) };
        if (e.Reason.Length > 0)
        {
            json["reason"] = e.Reason;
        }

        return json;
    }
}
