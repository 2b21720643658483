using Google.Protobuf.WellKnownTypes;
using SupportChat.Grains.Board;
using SupportChat.Protocol.V1;
using BoardSnapshot = SupportChat.Grains.Board.BoardSnapshot;
using TodayFigures = SupportChat.Grains.Board.TodayFigures;
using BoardChange = SupportChat.Grains.Board.BoardChange;

namespace SupportChat.Server.Streams.Supervisor;

/// <summary>The board's rows as the Supervisor protocol carries them (docs/protocol.md).</summary>
internal static class BoardMapper
{
    public static BoardUpdate Snapshot(BoardSnapshot s) => new()
    {
        Snapshot = new Protocol.V1.BoardSnapshot
        {
            Departments = { s.Departments.Select(Department) },
            Agents = { s.Agents.Select(Agent) },
            Conversations = { s.Conversations.Select(Conversation) },
            Today = Today(s.Today),
            At = Timestamp.FromDateTimeOffset(s.At),
        },
    };

    public static BoardUpdate Change(BoardChange c)
    {
        var change = new Protocol.V1.BoardChange();
        if (c.Department is { } d)
        {
            change.Department = Department(d);
        }
        else if (c.Agent is { } a)
        {
            change.Agent = Agent(a);
        }
        else if (c.Conversation is { } conversation)
        {
            change.Conversation = Conversation(conversation);
        }
        else if (c.Today is { } today)
        {
            change.Today = Today(today);
        }
        else if (c.AgentRemoved is { } agentId)
        {
            change.AgentRemoved = agentId;
        }
        else if (c.ConversationRemoved is { } conversationId)
        {
            change.ConversationRemoved = conversationId;
        }

        return new BoardUpdate { Change = change };
    }

    private static DepartmentRow Department(DepartmentBoardRow d) => new()
    {
        Name = d.Name,
        Waiting = d.Waiting,
        OldestWaitingSince = Time(d.OldestWaitingSince),
        AgentsAvailable = d.AgentsAvailable,
        AgentsAway = d.AgentsAway,
        SeatsFree = d.SeatsFree,
    };

    private static AgentRow Agent(AgentBoardRow a) => new()
    {
        AgentId = a.AgentId,
        Name = a.Name,
        Status = a.Status,
        Departments = { a.Departments },
        Open = a.Open,
        Capacity = a.Capacity,
        IdleSince = Time(a.IdleSince),
        LongestUnansweredConversationId = a.LongestUnansweredConversationId ?? string.Empty,
        LongestUnansweredSince = Time(a.LongestUnansweredSince),
    };

    private static ConversationRow Conversation(ConversationBoardRow c) => new()
    {
        ConversationId = c.ConversationId,
        Customer = c.Customer,
        Agent = c.Agent ?? string.Empty,
        AgentId = c.AgentId ?? string.Empty,
        Department = c.Department,
        Status = c.Queued ? "queued" : "active",
        StartedAt = Timestamp.FromDateTimeOffset(c.StartedAt),
        QueuedSince = Time(c.QueuedSince),
        UnansweredSince = Time(c.UnansweredSince),
    };

    private static Protocol.V1.TodayFigures Today(TodayFigures t) => new()
    {
        Day = t.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Served = t.Served,
        Abandoned = t.Abandoned,
        RatingAverage = t.RatingAverage,
        RatingCount = t.RatingCount,
    };

    private static Timestamp? Time(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
