namespace SupportChat.Grains.Contracts;

/// <summary>An agent's answer to a conversation handed over to it by name (issue 21): room taken, or why not.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.HandoverAnswer")]
public sealed record HandoverAnswer(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string Refusal,
    [property: Id(2)] string AgentName,
    [property: Id(3)] string AgentTitle);
