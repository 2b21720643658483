namespace SupportChat.Grains.Contracts;

/// <summary>An agent's answer to a queue that wants to give it a conversation.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.ReserveResult")]
public sealed record ReserveResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] AgentSlotUpdate Slot,
    [property: Id(2)] string Title);
