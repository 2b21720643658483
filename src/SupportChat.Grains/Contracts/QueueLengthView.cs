namespace SupportChat.Grains.Contracts;

/// <summary>How many customers wait in a department's queue, for the agents who serve it.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.QueueLengthView")]
public sealed record QueueLengthView(
    [property: Id(0)] string Department,
    [property: Id(1)] int Waiting);
