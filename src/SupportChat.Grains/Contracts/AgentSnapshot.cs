namespace SupportChat.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("supportchat.AgentSnapshot")]
public sealed record AgentSnapshot(
    [property: Id(0)] AgentProfile Profile,
    [property: Id(1)] bool Available,
    [property: Id(2)] IReadOnlyList<string> OpenConversations);
