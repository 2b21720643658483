namespace SupportChat.Grains.Board;

/// <summary>The new state of one row of the board (exactly one property is set): a receiver replaces the row it has
/// with the same key, so a slow one may skip intermediate states of a row.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.BoardChange")]
public sealed record BoardChange
{
    [Id(0)] public DepartmentBoardRow? Department { get; init; }

    [Id(1)] public AgentBoardRow? Agent { get; init; }

    [Id(2)] public ConversationBoardRow? Conversation { get; init; }

    [Id(3)] public TodayFigures? Today { get; init; }

    [Id(4)] public string? AgentRemoved { get; init; }

    [Id(5)] public string? ConversationRemoved { get; init; }

    /// <summary>The row it replaces: changes with the same key supersede each other.</summary>
    public string Key =>
        Department is { } d ? "d:" + d.Name
        : Agent is { } a ? "a:" + a.AgentId
        : AgentRemoved is { } ar ? "a:" + ar
        : Conversation is { } c ? "c:" + c.ConversationId
        : ConversationRemoved is { } cr ? "c:" + cr
        : "t";
}

/// <summary>Changes the board made in one step. Epoch names the board's activation; Version counts its steps, so a
/// watcher drops what its snapshot already holds, and notices a new activation (then it needs a new snapshot).</summary>
[GenerateSerializer, Immutable, Alias("supportchat.BoardChanges")]
public sealed record BoardChanges(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<BoardChange> Changes);

/// <summary>The whole board at one step of one activation.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.BoardSnapshot")]
public sealed record BoardSnapshot(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<DepartmentBoardRow> Departments,
    [property: Id(3)] IReadOnlyList<AgentBoardRow> Agents,
    [property: Id(4)] IReadOnlyList<ConversationBoardRow> Conversations,
    [property: Id(5)] TodayFigures Today,
    [property: Id(6)] DateTimeOffset At);
