namespace SupportChat.Grains.Board;

/// <summary>A department's line on the board, worked out from its conversations and agents.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.DepartmentBoardRow")]
public sealed record DepartmentBoardRow(
    [property: Id(0)] string Name,
    [property: Id(1)] int Waiting,
    [property: Id(2)] DateTimeOffset? OldestWaitingSince,
    [property: Id(3)] int AgentsAvailable,
    [property: Id(4)] int AgentsAway,
    [property: Id(5)] int SeatsFree);

/// <summary>An agent's line on the board. Status: available, away or disconnected.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.AgentBoardRow")]
public sealed record AgentBoardRow(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Status,
    [property: Id(3)] IReadOnlyList<string> Departments,
    [property: Id(4)] int Open,
    [property: Id(5)] int Capacity,
    [property: Id(6)] DateTimeOffset? IdleSince,
    [property: Id(7)] string? LongestUnansweredConversationId,
    [property: Id(8)] DateTimeOffset? LongestUnansweredSince)
{
    /// <summary>Records compare lists by reference; the board compares rows by what they say.</summary>
    public bool SameAs(AgentBoardRow? other) =>
        other is not null && this with { Departments = [] } == other with { Departments = [] } && Departments.SequenceEqual(other.Departments);
}

/// <summary>Today's figures; the day is the UTC calendar day.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.TodayFigures")]
public sealed record TodayFigures(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int Served,
    [property: Id(2)] int Abandoned,
    [property: Id(3)] double RatingAverage,
    [property: Id(4)] int RatingCount);
