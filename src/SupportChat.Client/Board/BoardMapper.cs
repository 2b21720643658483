using Google.Protobuf.WellKnownTypes;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Board;

/// <summary>Supervisor wire types to the client library's own records.</summary>
internal static class BoardMapper
{
    public static BoardEvent Event(BoardUpdate update, Uri server) => update.KindCase switch
    {
        BoardUpdate.KindOneofCase.Snapshot => new BoardSnapshot([.. update.Snapshot.Departments.Select(Department)],
            [.. update.Snapshot.Agents.Select(Agent)], [.. update.Snapshot.Conversations.Select(Conversation)],
            Today(update.Snapshot.Today), update.Snapshot.At?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow, server),
        BoardUpdate.KindOneofCase.Change => Change(update.Change),
        _ => throw new InvalidOperationException($"unknown board update {update.KindCase}"),
    };

    private static BoardEvent Change(BoardChange change) => change.RowCase switch
    {
        BoardChange.RowOneofCase.Department => new DepartmentChanged(Department(change.Department)),
        BoardChange.RowOneofCase.Agent => new AgentChanged(Agent(change.Agent)),
        BoardChange.RowOneofCase.Conversation => new ConversationChanged(Conversation(change.Conversation)),
        BoardChange.RowOneofCase.Today => new TodayChanged(Today(change.Today)),
        BoardChange.RowOneofCase.AgentRemoved => new AgentRemoved(change.AgentRemoved),
        BoardChange.RowOneofCase.ConversationRemoved => new ConversationRemoved(change.ConversationRemoved),
        _ => throw new InvalidOperationException($"unknown board change {change.RowCase}"),
    };

    private static BoardDepartment Department(DepartmentRow d) =>
        new(d.Name, d.Waiting, Time(d.OldestWaitingSince), d.AgentsAvailable, d.AgentsAway, d.SeatsFree);

    private static BoardAgent Agent(AgentRow a) => new(a.AgentId, a.Name, a.Status, [.. a.Departments], a.Open, a.Capacity,
        Time(a.IdleSince), Empty(a.LongestUnansweredConversationId), Time(a.LongestUnansweredSince));

    private static BoardConversation Conversation(ConversationRow c) => new(c.ConversationId, c.Customer, Empty(c.Agent), Empty(c.AgentId),
        c.Department, c.Status, c.StartedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, Time(c.QueuedSince), Time(c.UnansweredSince));

    private static BoardToday Today(TodayFigures? t) =>
        t is null ? new BoardToday(string.Empty, 0, 0, 0, 0) : new(t.Day, t.Served, t.Abandoned, t.RatingAverage, t.RatingCount);

    private static DateTimeOffset? Time(Timestamp? at) => at?.ToDateTimeOffset();

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
