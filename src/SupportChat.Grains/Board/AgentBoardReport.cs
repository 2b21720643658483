namespace SupportChat.Grains.Board;

/// <summary>An agent's presence and load as its grain tells the board (the board works out the rest of the agent's
/// row from its conversations). Online false: no stream; with nothing open the agent leaves the board.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.AgentBoardReport")]
public sealed record AgentBoardReport(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Departments,
    [property: Id(3)] bool Online,
    [property: Id(4)] bool Available,
    [property: Id(5)] int Open,
    [property: Id(6)] int Capacity,
    [property: Id(7)] DateTimeOffset IdleSince,
    [property: Id(8)] long Version);
