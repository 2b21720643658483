namespace SupportChat.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("supportchat.AgentProfile")]
public sealed record AgentProfile(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Title,
    [property: Id(3)] IReadOnlyList<string> Departments,
    [property: Id(4)] int Capacity);
